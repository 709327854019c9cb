import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { displayCode, letterDate, letterDateTime, letterMoney, type LetterContent } from '../domain/letter-content.js';
import { fill, type LetterTemplate } from '../domain/letter-template.js';
import { letterFonts, shareShapedWords, type LetterFonts } from './fonts.js';
import { LetterRenderer } from './letter-renderer.js';
import { qrRuns } from './qr.js';
import { TextLines } from './text-lines.js';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 48, bottom: 56, left: 56, right: 56 };
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;
const SIZE = { small: 7.5, body: 9, heading: 10.5, title: 15, issuer: 17 };
const COLOUR = { text: '#000000', muted: '#555555', brand: '#1f3a5f', rule: '#9a9a9a', headerFill: '#e8ecef' };
const CELL_PAD = 3.5;
const QR_SIZE = 82;

type Font = keyof LetterFonts;
type Doc = PDFKit.PDFDocument;
interface WriteOptions {
  font?: Font;
  size?: number;
  x?: number;
  width?: number;
  align?: 'left' | 'right' | 'center';
  colour?: string;
  /** false inside a table row, which was placed as a whole */
  breakPages?: boolean;
}

/**
 * The award letter as a PDF (pdfkit, A4). Layout lives here, words in the templates. Deterministic:
 * the same content and template give the same bytes (the document's dates and id come from the
 * letter's date). Text is broken into lines by `TextLines` and drawn line by line, so the template's
 * sentences are measured once per process, not once per letter.
 */
@Injectable()
export class PdfLetterRenderer extends LetterRenderer {
  private readonly fonts = letterFonts();
  private readonly text = new TextLines((font, s) => this.fonts[font as Font].layout(s).advanceWidth / this.fonts[font as Font].unitsPerEm);

  render(content: LetterContent, template: LetterTemplate): Promise<Buffer> {
    const issued = new Date(content.issuedOn);
    const doc = new PDFDocument({
      size: [A4.width, A4.height],
      margins: MARGIN,
      bufferPages: true,
      font: null as never, // no default Helvetica: pdfkit would parse its metrics for every letter
      lang: template.locale,
      info: {
        Title: `${template.text.title} ${content.awardNumber} (${template.text.version} ${content.version})`,
        Author: template.text.issuer,
        Subject: content.awardNumber,
        Creator: 'Emergency Fund',
        Producer: 'Emergency Fund',
        CreationDate: issued,
        ModDate: issued,
      },
    });
    doc.registerFont('regular', this.fonts.regular as never);
    doc.registerFont('bold', this.fonts.bold as never);
    shareShapedWords(doc.font('regular') as never);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    new LetterLayout(doc, this.text, content, template).draw();
    doc.end();
    return done;
  }
}

class LetterLayout {
  private readonly t: LetterTemplate['text'];
  private y = MARGIN.top;

  constructor(
    private readonly doc: Doc,
    private readonly lines: TextLines,
    private readonly c: LetterContent,
    private readonly template: LetterTemplate,
  ) {
    this.t = template.text;
  }

  draw(): void {
    this.letterhead();
    this.heading();
    this.recipient();
    if (this.c.amendment) {
      this.write(
        fill(this.t.amendment, {
          version: this.c.version,
          previousVersion: this.c.amendment.previousVersion,
          reason: this.c.amendment.reason,
        }),
        { font: 'bold' },
      );
      this.y += 4;
    }
    this.write(
      fill(this.t.intro, {
        fund: this.c.fund.name,
        organisation: this.c.organisation.name,
        beneficiaryCode: this.c.beneficiaryCode,
        applicationReference: this.c.applicationReference,
      }),
    );
    this.itemsTable();
    this.section(this.t.conditionsTitle, () => this.write(this.c.conditions?.trim() || this.t.noConditions));
    this.section(this.t.disbursementTitle, () =>
      this.write(
        fill(this.t.disbursement, { amount: this.money(this.c.amount), currency: this.c.currency, organisation: this.c.organisation.name }),
      ),
    );
    this.section(this.t.obligationsTitle, () => {
      [this.t.obligation1, this.t.obligation2, this.t.obligation3, this.t.obligation4].forEach((o, i) => {
        const top = this.y;
        this.write(`${i + 1}.`, { width: 14 });
        this.y = top;
        this.write(o, { x: MARGIN.left + 14, width: WIDTH - 14 });
        this.y += 1.5;
      });
    });
    this.closing();
    this.footers();
  }

  private money(amount: string): string {
    return letterMoney(amount, this.template);
  }

  private lineHeight(font: Font, size: number): number {
    return this.doc.font(font).fontSize(size).currentLineHeight(true) + 1;
  }

  private height(text: string, { font = 'regular', size = SIZE.body, width = WIDTH }: WriteOptions = {}): number {
    return this.lines.lines(font, size, width, text).length * this.lineHeight(font, size);
  }

  /** Draws `text` line by line from the cursor; a line that no longer fits starts a new page. */
  private write(
    text: string,
    {
      font = 'regular',
      size = SIZE.body,
      x = MARGIN.left,
      width = WIDTH,
      align = 'left',
      colour = COLOUR.text,
      breakPages = true,
    }: WriteOptions = {},
  ): void {
    const lh = this.lineHeight(font, size);
    this.doc.font(font).fontSize(size).fillColor(colour);
    for (const line of this.lines.lines(font, size, width, text)) {
      if (breakPages && this.y + lh > BOTTOM) this.newPage();
      const w = align === 'left' ? 0 : this.lines.width(font, size, line);
      const dx = align === 'right' ? width - w : align === 'center' ? (width - w) / 2 : 0;
      this.doc
        .font(font)
        .fontSize(size)
        .fillColor(colour)
        .text(line, x + dx, this.y, { lineBreak: false });
      this.y += lh;
    }
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  private ensure(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.newPage();
    return true;
  }

  private rule(weight: number, colour: string): void {
    this.doc
      .moveTo(MARGIN.left, this.y)
      .lineTo(MARGIN.left + WIDTH, this.y)
      .lineWidth(weight)
      .strokeColor(colour)
      .stroke();
  }

  private letterhead(): void {
    this.write(this.t.issuer, { font: 'bold', size: SIZE.issuer, colour: COLOUR.brand });
    this.write(this.t.issuerLine, { size: SIZE.small, colour: COLOUR.muted });
    this.write(`${this.c.fund.name} · ${this.template.countries[this.c.fund.country] ?? this.c.fund.country}`, {
      size: SIZE.small,
      colour: COLOUR.muted,
    });
    this.y += 4;
    this.rule(1.2, COLOUR.brand);
    this.y += 12;
  }

  /** Title, then number, version and date on the left; fund, application and beneficiary code on the right. */
  private heading(): void {
    this.write(this.t.title, { font: 'bold', size: SIZE.title });
    this.y += 4;
    const half = WIDTH / 2;
    const columns: [string, string][][] = [
      [
        [this.t.awardNumber, this.c.awardNumber],
        [this.t.version, String(this.c.version)],
        [this.t.date, letterDate(this.c.issuedOn, this.template.locale)],
      ],
      [
        [this.t.fund, this.c.fund.name],
        [this.t.application, this.c.applicationReference],
        [this.t.beneficiary, this.c.beneficiaryCode],
      ],
    ];
    const top = this.y;
    let bottom = top;
    columns.forEach((rows, i) => {
      this.y = top;
      const x = MARGIN.left + i * half;
      for (const [label, value] of rows) {
        const rowTop = this.y;
        this.write(label, { x, width: 100, size: SIZE.body, colour: COLOUR.muted, breakPages: false });
        const afterLabel = this.y;
        this.y = rowTop;
        this.write(value, { x: x + 104, width: half - 110, font: 'bold', breakPages: false });
        this.y = Math.max(this.y, afterLabel);
      }
      bottom = Math.max(bottom, this.y);
    });
    this.y = bottom + 10;
  }

  private recipient(): void {
    this.write(this.t.to, { colour: COLOUR.muted });
    this.write(this.c.organisation.name, { font: 'bold', size: SIZE.heading });
    if (this.c.organisation.address) this.write(this.c.organisation.address);
    this.y += 8;
  }

  /** A heading kept together with at least the first lines of what follows. */
  private section(title: string, body: () => void): void {
    this.y += 6;
    this.ensure(this.lineHeight('bold', SIZE.heading) + 2 * this.lineHeight('regular', SIZE.body));
    this.write(title, { font: 'bold', size: SIZE.heading });
    this.y += 1;
    body();
  }

  /** Items with their amounts; after a page break the header row is drawn again. */
  private itemsTable(): void {
    this.section(this.t.itemsTitle, () => {
      this.y += 2;
      const total = `${this.money(this.c.amount)} ${this.c.currency}`;
      const amounts = [...this.c.items.map((i) => this.money(i.amount)), total];
      // the amount column is as wide as the largest amount needs, so very large amounts never wrap
      const amountWidth = Math.max(84, ...amounts.map((a) => this.lines.width('bold', SIZE.body, a) + 2 * CELL_PAD + 1));
      const header = [this.t.itemNumber, this.t.itemType, this.t.itemDescription, fill(this.t.itemAmount, { currency: this.c.currency })];
      const numberWidth =
        Math.max(
          this.lines.width('bold', SIZE.body, this.t.itemNumber),
          this.lines.width('regular', SIZE.body, String(this.c.items.length)),
        ) +
        2 * CELL_PAD +
        2;
      const widths = [numberWidth, 118, WIDTH - numberWidth - 118 - amountWidth, amountWidth];
      const drawHeader = () => this.row(header, widths, { font: 'bold', fill: COLOUR.headerFill });
      drawHeader();
      const types = this.template.types as Record<string, string>;
      this.c.items.forEach((item, i) =>
        this.row([String(i + 1), types[item.type] ?? item.type, item.description, this.money(item.amount)], widths, {
          onNewPage: drawHeader,
        }),
      );
      this.row(['', '', this.t.total, total], widths, { font: 'bold', onNewPage: drawHeader });
    });
  }

  private row(cells: string[], widths: number[], opts: { font?: Font; fill?: string; onNewPage?: () => void }): void {
    const font = opts.font ?? 'regular';
    const height = Math.max(...cells.map((cell, i) => this.height(cell, { font, width: widths[i] - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    if (this.ensure(height) && opts.onNewPage) opts.onNewPage();
    const top = this.y;
    if (opts.fill) this.doc.rect(MARGIN.left, top, WIDTH, height).fill(opts.fill);
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      this.y = top + CELL_PAD;
      this.write(cell, {
        font,
        x: x + CELL_PAD,
        width: widths[i] - 2 * CELL_PAD,
        align: i === cells.length - 1 ? 'right' : 'left',
        breakPages: false,
      });
      x += widths[i];
    });
    this.y = top + height;
    this.rule(0.5, COLOUR.rule);
  }

  /** Approvers and verification on the left, the QR code on the right, kept on one page. */
  private closing(): void {
    this.y += 6;
    const textWidth = WIDTH - QR_SIZE - 14;
    const approvals = this.c.approvers.map(
      (a) => `${a.name} — ${fill(this.t.approvedAt, { dateTime: letterDateTime(a.at, this.template.locale) })}`,
    );
    const code = displayCode(this.c.verificationCode);
    const needed =
      2 * this.lineHeight('bold', SIZE.heading) +
      approvals.reduce((h, a) => h + this.height(a, { width: textWidth }), 0) +
      this.height(this.t.verification, { width: textWidth }) +
      this.height(code, { font: 'bold', size: SIZE.heading, width: textWidth }) +
      this.height(this.c.verificationUrl, { size: SIZE.small, width: textWidth }) +
      12;
    this.ensure(Math.max(needed, QR_SIZE + 8));
    const top = this.y;
    this.write(this.t.approvalsTitle, { font: 'bold', size: SIZE.heading, width: textWidth });
    for (const a of approvals) this.write(a, { width: textWidth });
    this.y += 6;
    this.write(this.t.verificationTitle, { font: 'bold', size: SIZE.heading, width: textWidth });
    this.write(this.t.verification, { width: textWidth });
    this.write(code, { font: 'bold', size: SIZE.heading, width: textWidth });
    this.write(this.c.verificationUrl, { size: SIZE.small, width: textWidth, colour: COLOUR.muted });
    this.qr(MARGIN.left + WIDTH - QR_SIZE, top);
    this.y = Math.max(this.y, top + QR_SIZE);
  }

  private qr(left: number, top: number): void {
    const qr = qrRuns(this.c.verificationUrl);
    const quiet = 2;
    const unit = QR_SIZE / (qr.size + 2 * quiet);
    for (const r of qr.runs) this.doc.rect(left + (r.x + quiet) * unit, top + (r.y + quiet) * unit, r.length * unit + 0.02, unit + 0.02);
    this.doc.fillColor(COLOUR.text).fill();
  }

  /** "AWD-… · version 1 · page 1 of 2" at the foot of every page, once the page count is known. */
  private footers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.y = BOTTOM + 20;
      this.write(fill(this.t.footer, { awardNumber: this.c.awardNumber, version: this.c.version, page: i + 1, pages: range.count }), {
        size: SIZE.small,
        colour: COLOUR.muted,
        align: 'center',
        breakPages: false,
      });
    }
  }
}
