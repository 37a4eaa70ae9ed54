/** Terminal colours, only when writing to a TTY (and NO_COLOR is unset). */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

export const ansi: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

const same = (text: string): string => text;
export const plain: Style = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

export function styleFor(stream: { isTTY?: boolean }): Style {
  return stream.isTTY && !process.env["NO_COLOR"] ? ansi : plain;
}
