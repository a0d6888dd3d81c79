import { downloadText } from './download';

export interface CsvButtonProps {
  /** What the button says: "Download CSV". */
  label: string;
  fileName: string;
  /** The file's text, made when clicked. */
  csv: () => string;
}

/** A button that downloads a table as a CSV file. */
export function CsvButton({ label, fileName, csv }: CsvButtonProps) {
  return (
    <button type="button" className="standup-csv" title={fileName} onClick={() => downloadText(fileName, csv())}>
      {label}
    </button>
  );
}
