/** How the terminal is coloured: 24-bit escapes, the xterm 256-colour palette, or none at all. */
export type ColorMode = "truecolor" | "256" | "none";

/**
 * Picks the colour mode from the environment: `NO_COLOR` (any non-empty value, see no-color.org),
 * `FORCE_COLOR=0` and `TERM=dumb` turn colour off; `COLORTERM=truecolor|24bit` allows 24-bit
 * colour; anything else gets the 256-colour palette, which every modern terminal has.
 */
export function detectColorMode(env: Readonly<Record<string, string | undefined>>): ColorMode {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return "none";
  if (env.FORCE_COLOR === "0" || env.TERM === "dumb") return "none";
  const ct = (env.COLORTERM ?? "").toLowerCase();
  if (ct === "truecolor" || ct === "24bit") return "truecolor";
  return "256";
}
