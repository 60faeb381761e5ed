/**
 * Files attached to a logbook entry, a message or a referral (decision 021): the server's limits
 * (src/modules/attachments/attachments.ts), checked here before sending, the picker and the list.
 */
import type { TFunction } from 'i18next';
import { forwardRef, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 3;
export const ACCEPT = 'application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp';

/** A file's bytes in base64, as a post carries them. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** The files of a post, read for sending. */
export const toUploads = (files: readonly File[]) =>
  Promise.all(
    files.map(async (file) => ({ name: file.name, contentBase64: await fileToBase64(file) })),
  );

export function formatSize(bytes: number, locale: string): string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024
    ? `${format.format(Math.max(1, Math.round(bytes / 1024)))} ${locale === 'fr' ? 'ko' : 'KB'}`
    : `${format.format(bytes / 1024 / 1024)} ${locale === 'fr' ? 'Mo' : 'MB'}`;
}

/**
 * What is wrong with the files picked (too many, one too big), in words, or null: the picker
 * keeps nothing then, so that what is sent is what was checked.
 */
export function pickedFilesProblem(picked: readonly File[], t: TFunction): string | null {
  const tooBig = picked.find((file) => file.size > MAX_FILE_BYTES);
  if (picked.length > MAX_FILES) return t('files.tooMany', { max: MAX_FILES });
  if (tooBig) return t('files.tooBig', { name: tooBig.name, max: MAX_FILE_BYTES / 1024 / 1024 });
  return null;
}

/**
 * The files picked for a post: `pick` keeps them when they pass the limits (else none, and
 * `problem` says why), `clear` empties the input once sent.
 */
export function usePickedFiles() {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const clear = () => {
    setFiles([]);
    if (ref.current) ref.current.value = '';
  };
  const pick = (list: FileList | null) => {
    const picked = [...(list ?? [])];
    const found = pickedFilesProblem(picked, t);
    setProblem(found);
    if (found) clear();
    else setFiles(picked);
  };
  return { files, problem, ref, pick, clear };
}

/** The file input with its label (types and limits said). */
export const FilePicker = forwardRef<
  HTMLInputElement,
  { id: string; onPick: (files: FileList | null) => void }
>(function FilePicker({ id, onPick }, ref) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('files.label')}</label>
      <input
        id={id}
        ref={ref}
        type="file"
        multiple
        accept={ACCEPT}
        onChange={(e) => onPick(e.target.files)}
      />
    </div>
  );
});

/** Download links of stored files, with their sizes. */
export function AttachmentList({
  files,
  urlOf,
}: {
  files: readonly { id: string; fileName: string; size: number }[];
  urlOf: (id: string) => string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (files.length === 0) return null;
  return (
    <ul className="plain-list logbook-files" aria-label={t('files.list')}>
      {files.map((file) => (
        <li key={file.id}>
          <a href={urlOf(file.id)} download={file.fileName}>
            {file.fileName}
          </a>{' '}
          <span className="muted">({formatSize(file.size, locale)})</span>
        </li>
      ))}
    </ul>
  );
}
