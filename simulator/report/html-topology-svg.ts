/**
 * The topology picture as inline SVG, drawn from a computed layout. Every element a test or a
 * reader may want to find carries a data attribute (`data-eni`, `data-drops`, `data-check`,
 * `data-vswitch`, `data-from`/`data-to`). All input text is escaped.
 */
import type { ExternalStub } from "./external-sources";
import { STUB } from "./external-sources";
import type { CheckState, EniNode, InstanceCard, Layout, VSwitchBox } from "./topology-layout";
import type { Arrow } from "./topology-arrows";
import { clip, escapeHtml as e } from "./html-escape";
import { formatBytes } from "./number-format";

const SHIELD = "M0,-8 L7,-5 L7,1 C7,5 4,7.5 0,9 C-4,7.5 -7,5 -7,1 L-7,-5 Z";

interface CheckLook {
  readonly badge: string;
  readonly title: string;
}

function checkLook(state: CheckState): CheckLook {
  switch (state) {
    case "on":
      return { badge: "CHECK ON", title: "Source/Destination Check on: only its own addresses pass" };
    case "off":
      return { badge: "check off", title: "Source/Destination Check off: forwards any address" };
    case "default-on":
      return { badge: "ON (default)", title: "Unset in the plan; the account's default turns the check on" };
    case "default-off":
      return { badge: "off (default)", title: "Unset in the plan; the account's default leaves the check off" };
    case "cloud-default":
      return { badge: "cloud default", title: "Unset in the plan and the account's default is unknown" };
    case "not-offered":
      return { badge: "not offered", title: "This region does not offer Source/Destination Check: nothing is enforced" };
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

function text(x: number, y: number, cls: string, body: string, extra = ""): string {
  return `<text x="${n(x)}" y="${n(y)}" class="${cls}"${extra}>${body}</text>`;
}

function eniNode(eni: EniNode): string {
  const look = checkLook(eni.check);
  const classes = ["eni", `check-${eni.check}`, eni.droppedText !== "" ? "has-drops" : "", eni.inPlan ? "" : "not-in-plan"].filter(Boolean).join(" ");
  const iconY = eni.y + 23;
  const badgeW = 84;
  const ips = eni.ips.length === 0 ? "not in the plan" : eni.ips.join(", ");
  const tip = `${eni.id} · ${eni.ips.join(", ") || "not in the plan"} · ${look.title}${eni.droppedText !== "" ? ` · ${eni.droppedText} dropped here` : ""}${eni.sentDroppedText !== "" ? ` · sends ${eni.sentDroppedText}` : ""}`;
  const parts = [
    `<g class="${classes}" data-eni="${e(eni.id)}" data-check="${eni.check}" data-drops="${eni.droppedPackets}">`,
    `<title>${e(tip)}</title>`,
    `<rect class="eni-box" x="${n(eni.x)}" y="${n(eni.y)}" width="${n(eni.w)}" height="${n(eni.h)}" rx="6"/>`,
    `<path class="shield" d="${SHIELD}" transform="translate(${n(eni.x + 18)},${n(iconY)})"/>`,
    text(eni.x + 34, eni.y + 19, "eni-id", e(clip(eni.id, 25))),
    text(eni.x + 34, eni.y + 36, "eni-ips", e(clip(ips, 27))),
    `<rect class="badge" x="${n(eni.x + eni.w - badgeW - 8)}" y="${n(eni.y + 9)}" width="${badgeW}" height="18" rx="9"/>`,
    text(eni.x + eni.w - badgeW / 2 - 8, eni.y + 22, "badge-text", look.badge, ` text-anchor="middle"`),
  ];
  let lineY = eni.y + 58;
  if (eni.droppedText !== "") {
    parts.push(text(eni.x + 34, lineY, "eni-drops", e(clip(`✕ ${eni.droppedText} dropped here`, 40))));
    lineY += 18;
  }
  if (eni.sentDroppedText !== "") {
    parts.push(text(eni.x + 34, lineY, "eni-sent", e(clip(`↗ ${eni.sentDroppedText}`, 38)), ` data-sent-dropped="true"`));
  }
  parts.push("</g>");
  return parts.join("");
}

function instanceCard(card: InstanceCard): string {
  const label =
    card.id === undefined
      ? `<tspan class="muted">not attached to an instance</tspan>`
      : `${e(clip(card.id, 26))}${card.forwarding !== undefined && card.forwarding !== "none" ? `<tspan class="muted"> · forwards (${e(card.forwarding)})</tspan>` : ""}`;
  return [
    `<g class="instance" data-instance="${e(card.id ?? "")}">`,
    `<rect class="instance-box" x="${n(card.x)}" y="${n(card.y)}" width="${n(card.w)}" height="${n(card.h)}" rx="6"/>`,
    text(card.x + 10, card.y + 16, "instance-id", label),
    ...card.enis.map(eniNode),
    "</g>",
  ].join("");
}

function vswitchBox(v: VSwitchBox): string {
  const sub = [v.declared ? (v.cidr ?? "") : "not declared in the plan", v.routeTable === undefined ? "" : `route table ${v.routeTable}`]
    .filter(Boolean)
    .join(" · ");
  const notes = v.routeNotes.map((note, i) => text(v.x + 12, v.y + 56 + i * 16, "route-note", e(clip(note, 44))));
  return [
    `<g class="vswitch${v.declared ? "" : " undeclared"}" data-vswitch="${e(v.id)}">`,
    `<rect class="vswitch-box" x="${n(v.x)}" y="${n(v.y)}" width="${n(v.w)}" height="${n(v.h)}" rx="10"/>`,
    text(v.x + 12, v.y + 21, "vswitch-id", e(clip(v.id, 36))),
    text(v.x + 12, v.y + 39, "vswitch-sub", e(clip(sub, 46))),
    ...notes,
    ...v.cards.map(instanceCard),
    "</g>",
  ].join("");
}

function externalStub(x: ExternalStub): string {
  const title = `${x.label} at ${x.target} (${formatBytes(x.bytes)} in ${x.flows} ${x.flows === 1 ? "conversation" : "conversations"} from outside the plan)`;
  const lineY = (i: number): number => x.y + STUB.pad + STUB.caption + (i + 1) * STUB.line - 3;
  return [
    `<g class="external-source" data-to="${e(x.target)}" data-drops="${x.packets}" data-flows="${x.flows}">`,
    `<title>${e(title)}</title>`,
    `<rect class="external-box" x="${n(x.x)}" y="${n(x.y)}" width="${n(x.w)}" height="${n(x.h)}" rx="8"/>`,
    text(x.x + 10, x.y + STUB.pad + 12, "external-title", "from outside the plan"),
    ...x.addresses.map((a, i) => text(x.x + 10, lineY(i), "external-ip", e(clip(a, 17)))),
    text(x.x + 10, lineY(x.addresses.length), "external-count", e(x.label)),
    "</g>",
  ].join("");
}

function strokeWidth(a: Arrow): number {
  return a.kind === "route" ? 1.6 : 2 + Math.min(4, Math.log10(Math.max(1, a.packets)));
}

function arrowPath(a: Arrow): string {
  const data = `data-from="${e(a.from)}" data-to="${e(a.to)}"${a.kind === "drop" ? ` data-drops="${a.packets}" data-flows="${a.flows}"` : ""}`;
  return [
    `<g class="${a.kind}-arrow" ${data}>`,
    `<title>${e(a.title)}${a.kind === "drop" ? ` (${e(formatBytes(a.bytes))})` : ""}</title>`,
    `<path d="${a.path}" stroke-width="${n(strokeWidth(a))}" marker-end="url(#head-${a.kind})"/>`,
    "</g>",
  ].join("");
}

function arrowLabel(a: Arrow): string {
  const b = a.labelBox;
  if (b === undefined) return "";
  const data = `data-from="${e(a.from)}" data-to="${e(a.to)}"${a.kind === "drop" ? ` data-drops="${a.packets}"` : ""}`;
  return [
    `<g class="${a.kind}-label" ${data}>`,
    `<title>${e(a.title)}</title>`,
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="9"/>`,
    text(b.x + b.w / 2, b.y + 13, "arrow-text", e(a.label), ` text-anchor="middle"`),
    "</g>",
  ].join("");
}

const DEFS = [
  "<defs>",
  `<marker id="head-drop" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="head-drop"/></marker>`,
  `<marker id="head-route" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="head-route"/></marker>`,
  "</defs>",
].join("");

export interface SvgOptions {
  /** Accessible name of the picture. */
  readonly title: string;
}

export function renderTopologySvg(layout: Layout, options: SvgOptions): string {
  const totalDropped = layout.drops.reduce((sum, a) => sum + a.packets, 0);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="topology" width="${n(layout.width)}" height="${n(layout.height)}" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" role="img" aria-label="${e(options.title)}" data-drops="${totalDropped}">`,
    `<title>${e(options.title)}</title>`,
    DEFS,
    `<g class="layer-boxes">`,
    ...layout.externals.map(externalStub),
    ...layout.vswitches.map(vswitchBox),
    "</g>",
    `<g class="layer-routes">${layout.routes.map(arrowPath).join("")}</g>`,
    `<g class="layer-drops">${layout.drops.map(arrowPath).join("")}</g>`,
    `<g class="layer-labels">${[...layout.routes, ...layout.drops].map(arrowLabel).join("")}</g>`,
    `</svg>`,
  ].join("\n");
}

