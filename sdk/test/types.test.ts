import { describe, expectTypeOf, it } from "vitest";
import type { Body, Fengqiao, Input, Item, Result, Schema } from "../src/index.js";

/**
 * The SDK's types come from the contract. These assertions are checked by `tsc --noEmit` (npm run
 * lint): when the contract and a namespace disagree, the build fails rather than a user's code.
 */
describe("types derived from the contract", () => {
  it("gives each operation its body, input and result", () => {
    expectTypeOf<Result<"createApiKey">>().toEqualTypeOf<Schema<"CreatedApiKey">>();
    expectTypeOf<Result<"getApiKey">>().toEqualTypeOf<Schema<"ApiKey">>();
    expectTypeOf<Result<"getApiKey">>().not.toHaveProperty("secret");
    expectTypeOf<Item<"listApiKeys">>().toEqualTypeOf<Schema<"ApiKey">>();
    expectTypeOf<Input<"getApiKey">>().toEqualTypeOf<{ path: { id: string } }>();
    expectTypeOf<Body<"rotateApiKey">>().toEqualTypeOf<{ grace_seconds?: number }>();
    // A nullable reference stays usable: a user, or null (not a type whose fields are `never`).
    expectTypeOf<Result<"getCaller">["user"]>().toEqualTypeOf<Schema<"UserSummary"> | null>();
  });

  it("rejects calls the contract does not allow", () => {
    const compileOnly = (fq: Fengqiao) => {
      // @ts-expect-error kind is an enum
      void fq.keys.create({ name: "x", kind: "robot" });
      // @ts-expect-error request bodies are strict: no unknown fields
      void fq.keys.create({ name: "x", kind: "app", colour: "red" });
      // @ts-expect-error getApiKey needs an id
      void fq.call("getApiKey", {});
      // @ts-expect-error no such operation
      void fq.call("deleteEverything", {});
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
