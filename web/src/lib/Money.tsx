// An amount as people read it, kept on one line: a table squeezing its column would
// otherwise break "¥8,000,000.00" a character or two per line.
import { fenToYuan } from './money';

export function Money({ fen }: { fen: number | null | undefined }) {
  return <span className="money" style={{ whiteSpace: 'nowrap' }}>{fenToYuan(fen)}</span>;
}

/** A table column's render for an amount in fen. */
export const renderMoney = (fen: number | null | undefined) => <Money fen={fen} />;

/** A change in fen, signed ("+¥1,000,000.00"), kept on one line. */
export function SignedMoney({ fen }: { fen: number }) {
  return <span className="money" style={{ whiteSpace: 'nowrap' }}>{fen > 0 ? `+${fenToYuan(fen)}` : fenToYuan(fen)}</span>;
}

/** A table column's render for a signed change in fen. */
export const renderSignedMoney = (fen: number) => <SignedMoney fen={fen} />;
