import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { CoverLetterContent } from "./content";

/**
 * The cover letter as a PDF (US Letter, Helvetica). Built on the server from our own data; the
 * standard fonts cover Windows-1252 only, so any other character prints as "?" rather than failing
 * the whole letter. `at` stamps the document, so the same draft builds the same bytes.
 */

const PAGE: [number, number] = [612, 792];
const MARGIN = 56;
const SIZE = 10;
const LEADING = 14;

function printable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text.replace(/\r\n?/g, "\n").replace(/\t/g, "  ")].map((c) => (c === "\n" || known.has(c.codePointAt(0)!) ? c : "?")).join("");
}

/** Breaks text into lines no wider than `width`, splitting over-long words where they overflow. */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = "";
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export async function coverLetterPdf(content: CoverLetterContent, at: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(content.title);
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setProducer("Ledgerline");
  pdf.setCreator("Ledgerline");
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = PAGE[0] - 2 * MARGIN;
  let page: PDFPage = pdf.addPage(PAGE);
  let y = PAGE[1] - MARGIN;

  const write = (text: string, font: PDFFont, size = SIZE, indent = 0) => {
    for (const line of wrap(font, size, printable(font, text), width - indent)) {
      if (y < MARGIN + LEADING) {
        page = pdf.addPage(PAGE);
        y = PAGE[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN + indent, y, size, font, color: rgb(0.1, 0.1, 0.12) });
      y -= size + 4;
    }
  };

  write(content.title, bold, 16);
  y -= 6;
  write(content.summary, regular);
  for (const section of content.sections) {
    y -= 10;
    write(section.heading, bold, 12);
    for (const [label, value] of section.lines) {
      write(`${label}:`, bold);
      write(value, regular, SIZE, 12);
    }
  }
  return pdf.save();
}
