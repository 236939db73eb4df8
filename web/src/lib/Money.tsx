// An amount as people read it, kept on one line: a table squeezing its column would
// otherwise break "¥8,000,000.00" a character or two per line.
import { fenToYuan } from './money';

export function Money({ fen }: { fen: number | null | undefined }) {
  return <span className="money" style={{ whiteSpace: 'nowrap' }}>{fenToYuan(fen)}</span>;
}

/** A table column's render for an amount in fen. */
export const renderMoney = (fen: number | null | undefined) => <Money fen={fen} />;
