// The little of fontkit (no bundled types) the poster uses: a font's glyph outlines, laid out.
declare module 'fontkit' {
  interface Path {
    scale(x: number, y: number): Path
    translate(x: number, y: number): Path
    toSVG(): string
  }
  interface GlyphRun {
    glyphs: { path: Path }[]
    positions: { xAdvance: number; xOffset: number; yOffset: number }[]
  }
  interface Font {
    unitsPerEm: number
    layout(text: string): GlyphRun
  }
  export function openSync(path: string): Font
}
