import { describe, expect, it } from '@jest/globals';
import { detectContentType, safeFilename } from './document-type.js';

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

describe('safeFilename', () => {
  it('keeps the stem, drops paths and control characters, and uses the detected extension', () => {
    expect(safeFilename('clinic estimate.pdf', 'pdf')).toBe('clinic estimate.pdf');
    expect(safeFilename('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFilename('C:\\docs\\смета.PDF', 'pdf')).toBe('смета.pdf');
    expect(safeFilename('photo.exe', 'jpg')).toBe('photo.jpg');
    expect(safeFilename('bad"name\u0000.pdf', 'pdf')).toBe('badname.pdf');
    expect(safeFilename(undefined, 'png')).toBe('document.png');
  });
});
