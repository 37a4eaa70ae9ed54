/** SVG -> PNG with resvg, using the DejaVu fonts when installed (and system fonts as fallback). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

const DEJAVU_DIR = "/usr/share/fonts/truetype/dejavu";
const DEJAVU_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

export function svgToPng(svg: string, scale = 2): Buffer {
  const fontFiles = DEJAVU_FILES.map((file) => join(DEJAVU_DIR, file)).filter((path) => existsSync(path));
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: {
      fontFiles,
      loadSystemFonts: true,
      ...(fontFiles.length > 0 ? { defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" } : {}),
    },
    logLevel: "off",
  });
  return resvg.render().asPng();
}
