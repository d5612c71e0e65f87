import type { Table } from "../tables.js";

/** Escapes text for HTML content and double-quoted attributes. */
export const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A `mean ± sd` cell with the deviation on its own line, so that wide tables stay narrow. */
function cell(text: string): string {
  const i = text.indexOf(" ± ");
  return i < 0 ? esc(text) : `${esc(text.slice(0, i))}<span class="sd">± ${esc(text.slice(i + 3))}</span>`;
}

/**
 * A table as HTML: the first column as row headers (kept in view when the table scrolls sideways),
 * headers allowed to wrap, `mean ± sd` cells on two lines.
 * @param marked row indices to mark (e.g. the best agent), with the marker's text
 */
export function htmlTable(t: Table, marked: ReadonlyMap<number, string> = new Map()): string {
  const head = t.headers.map((h) => `<th scope="col">${esc(h)}</th>`).join("");
  const rows = t.rows.map((r, ri) => {
    const mark = marked.get(ri);
    const cells = r
      .map((c, i) =>
        i === 0
          ? `<th scope="row">${esc(c)}${mark ? ` <span class="best">${esc(mark)}</span>` : ""}</th>`
          : `<td>${cell(c)}</td>`,
      )
      .join("");
    return `<tr${mark ? ' class="marked"' : ""}>${cells}</tr>`;
  });
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}
