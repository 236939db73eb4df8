// Money is integer fen everywhere in the API; people read yuan.
const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });

export const fenToYuan = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '—' : yuan.format(fen / 100));
