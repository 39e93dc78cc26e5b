import type { Handler } from "hono";
import type { AppEnv } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { resolveDoorplate } from "../../services/doorplates/resolve-doorplate.ts";

const esc = (s: string | null | undefined) =>
  (s ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

type Plate = Awaited<ReturnType<typeof resolveDoorplate>>;

function contactHtml(title: string, c: Plate["officer"]) {
  if (!c) return "";
  const agency = c.agency ? ` · ${esc(c.agency.name)}${c.agency.phone ? ` <a href="tel:${esc(c.agency.phone)}">${esc(c.agency.phone)}</a>` : ""}` : "";
  return `<li>${title}：${esc(c.display_name)} ${esc(c.phone)}${agency}</li>`;
}

/**
 * `GET /d/{code}`: what the QR code on a doorplate opens when PUBLIC_BASE_URL points at this
 * server. A plain, script-free page with the same content as `getDoorplate`; deployments with
 * their own H5 page or mini-program point PUBLIC_BASE_URL there instead and call the API.
 */
export const doorplatePage: Handler<AppEnv> = async (c) => {
  const code = (c.req.param("code") ?? "").toLowerCase();
  if (code.length > 64) throw new AppError("not_found", "No doorplate with this code.");
  const p = await resolveDoorplate({ deps: c.get("deps"), code });
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(p.grid.name)} · 码上办</title></head>
<body>
<h1>${esc(p.grid.name)}</h1>
<p>${p.area_path.map((a) => esc(a.name)).join(" › ")}</p>
<p>门牌地址：${esc(p.address)}</p>
<h2>责任人</h2>
<ul>${contactHtml("网格长", p.grid_leader)}${contactHtml("网格员", p.grid_worker)}${contactHtml("社区民警", p.officer)}</ul>
<h2>服务</h2>
<ul>${p.services.menu.map((m) => `<li>${esc(m.label)}</li>`).join("")}</ul>
<p>紧急情况请拨打 <a href="tel:${esc(p.services.emergency_phone)}">${esc(p.services.emergency_phone)}</a></p>
</body></html>`;
  c.header("cache-control", "private, max-age=60");
  return c.html(html, 200);
};
