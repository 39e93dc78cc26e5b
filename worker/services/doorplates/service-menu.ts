/**
 * What a doorplate page offers a resident who scanned it (码上办).
 *
 * SEAM for the service catalogue (issue 4): `services_url` is where the catalogue lists the
 * services for this grid; when it lands, the menu below can be derived from it (or dropped in
 * favour of it). Until then the menu names the entry points every deployment has, by stable
 * `key`, so kiosk and H5 pages can map each to a screen.
 */
export const menuKeys = ["request", "dispute", "report", "fraud_check", "alerts", "volunteer"] as const;
type MenuEntry = { key: (typeof menuKeys)[number]; label: string; description: string };

export function serviceMenu({ gridId }: { gridId: string }) {
  return {
    services_url: `/v1/services?area_id=${encodeURIComponent(gridId)}`,
    emergency_phone: "110",
    menu: [
      { key: "request", label: "办事咨询", description: "Ask or file a request (证明办理, 求助, 报修); the doorplate fills in the address and grid." },
      { key: "dispute", label: "矛盾调解", description: "Ask the grid worker or the community officer to mediate a dispute." },
      { key: "report", label: "线索举报", description: "Report a hazard or a lead to the community officer." },
      { key: "fraud_check", label: "反诈查询", description: "Check a phone number, link or account before paying." },
      { key: "alerts", label: "预警宣传", description: "Read the fraud, drug and safety alerts for this grid." },
      { key: "volunteer", label: "找活动", description: "Find volunteer tasks near here and sign up." },
    ] satisfies MenuEntry[],
  };
}
