import { describe, expect, it } from '@jest/globals';
import { decodeFilename, detectContentType, safeFilename } from './document-type.js';

describe('detectContentType', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(detectContentType(Buffer.from('%PDF-1.7\n...'))?.contentType).toBe('application/pdf');
    expect(detectContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.contentType).toBe('image/png');
    expect(detectContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.contentType).toBe('image/jpeg');
  });

  it('refuses executables, scripts and empty files whatever their name', () => {
    expect(detectContentType(Buffer.from('MZ\x90\x00\x03', 'latin1'))).toBeNull(); // Windows executable
    expect(detectContentType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toBeNull(); // ELF
    expect(detectContentType(Buffer.from('#!/bin/sh\nrm -rf /'))).toBeNull();
    expect(detectContentType(Buffer.from('<html><script>'))).toBeNull();
    expect(detectContentType(Buffer.alloc(0))).toBeNull();
    expect(detectContentType(Buffer.from('%PD'))).toBeNull();
  });
});

const PDF = { contentType: 'application/pdf', extension: 'pdf' } as const;
const JPEG = { contentType: 'image/jpeg', extension: 'jpg' } as const;

describe('safeFilename', () => {
  it('keeps the name as typed, drops paths and control characters, and keeps an extension of the detected type', () => {
    expect(safeFilename('clinic estimate.pdf', PDF)).toBe('clinic estimate.pdf');
    expect(safeFilename('Паспорт_Айгуль.pdf', PDF)).toBe('Паспорт_Айгуль.pdf');
    expect(safeFilename('../../etc/passwd', PDF)).toBe('passwd.pdf');
    expect(safeFilename('C:\\docs\\смета.PDF', PDF)).toBe('смета.PDF');
    expect(safeFilename('Scan.JPEG', JPEG)).toBe('Scan.JPEG');
    expect(safeFilename('photo.exe', JPEG)).toBe('photo.jpg');
    expect(safeFilename('bad"name\u0000.pdf', PDF)).toBe('badname.pdf');
    expect(safeFilename(undefined, { contentType: 'image/png', extension: 'png' })).toBe('document.png');
  });

  it('drops direction overrides and zero-width marks, and cuts long names by character', () => {
    expect(safeFilename('invoice\u202efdp.exe', JPEG)).toBe('invoicefdp.jpg');
    expect(safeFilename('sm\u200beta.pdf', PDF)).toBe('smeta.pdf');
    expect(Array.from(safeFilename(`${'😀'.repeat(300)}.pdf`, PDF))).toHaveLength(204);
  });
});

describe('decodeFilename', () => {
  it('undoes percent-encoding and UTF-8 read as latin1, and leaves other names alone', () => {
    expect(decodeFilename('%D0%9F%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82.pdf')).toBe('Паспорт.pdf');
    expect(decodeFilename(Buffer.from('Паспорт_Айгуль.pdf').toString('latin1'))).toBe('Паспорт_Айгуль.pdf');
    expect(decodeFilename('100%25 paid.pdf')).toBe('100%25 paid.pdf');
    expect(decodeFilename('50%.pdf')).toBe('50%.pdf');
    expect(decodeFilename('café.pdf')).toBe('café.pdf');
    expect(decodeFilename('Паспорт.pdf')).toBe('Паспорт.pdf');
  });
});
