// The text a PDF made with pdf-lib draws, page by page, for tests that check what a generated PDF
// says. pdf-lib writes each line as one hex string shown with Tj; this reads those back.
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFStream } from "pdf-lib";

// The standard fonts encode text in Windows-1252 (WinAnsiEncoding). Node's TextDecoder reads that
// label as ISO-8859-1, so the 0x80–0x9F block, where the two differ, is mapped here.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const WINDOWS_1252 = { decode: (bytes: Uint8Array) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join("") };

function streamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  const source = Buffer.from(bytes).toString("latin1");
  return [...source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => WINDOWS_1252.decode(Buffer.from(m[1]!, "hex"))).join("\n");
}

export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await PDFDocument.load(bytes);
  const text = pdf.getPages().map((page) => {
    const contents = page.node.Contents();
    if (!contents) return "";
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref) as PDFStream) : [contents];
    return streams.map(streamText).join("\n");
  });
  return { pages: pdf.getPageCount(), text: text.join("\n") };
}
