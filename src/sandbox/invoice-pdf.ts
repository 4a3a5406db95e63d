/** A text line for the PDF: ASCII only (the built-in Helvetica font has no other glyphs we rely on). */
const pdfText = (line: string): string =>
  line.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");

/**
 * A small, valid one-page PDF (PDF 1.4, built-in Helvetica) listing the given lines: what the sandbox
 * answers for an invoice download. Offsets in the cross-reference table are exact, so readers accept it.
 * @see gcore-billing GET /billing/org/v1/erp-invoices/{id}/download (application/pdf)
 */
export function renderInvoicePdf(lines: readonly string[]): Buffer {
  const content = [
    "BT /F1 12 Tf 72 760 Td 16 TL",
    ...lines.map((line) => `(${pdfText(line)}) Tj T*`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
