// pages/check/check.js — 号码查询: is this number a known scam? One SDK call, typed errors.
import { ApiError, RateLimitError } from "@fengqiao/sdk";
import { fq } from "../../utils/fengqiao";

Page({
  data: { value: "", verdict: null, error: "" },

  onInput(e) {
    this.setData({ value: e.detail.value });
  },

  async onCheck() {
    this.setData({ verdict: null, error: "" });
    try {
      const verdict = await fq.fraud.check({ kind: "phone", value: this.data.value });
      this.setData({ verdict });
    } catch (e) {
      const error =
        e instanceof RateLimitError
          ? "查询太频繁，请稍后再试"
          : e instanceof ApiError
            ? `${e.detail ?? e.title}（编号 ${e.requestId}）`
            : "网络不可用，请检查网络后重试";
      this.setData({ error });
    }
  },
});
