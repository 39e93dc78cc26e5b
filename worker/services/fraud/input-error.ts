import { AppError } from "../../lib/problem.ts";
import { normalise, NormaliseError, type IndicatorKind, type Normalised, type SocialPlatform } from "./normalize.ts";

/** Normalises, turning a failure into a validation problem that says what is expected, never what was sent. */
export function normaliseInput(kind: IndicatorKind, value: string, platform?: SocialPlatform): Normalised {
  try {
    return normalise(kind, value, platform);
  } catch (err) {
    if (!(err instanceof NormaliseError)) throw err;
    throw new AppError("validation_failed", "The value cannot be read as the kind given.", {
      extensions: { errors: [{ pointer: "/body/value", detail: err.message }] },
    });
  }
}
