import { colorizeVitest } from "@colorize/vitest-config";

export default colorizeVitest();
