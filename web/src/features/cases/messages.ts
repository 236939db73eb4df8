// The case pages' own words (the shared ones are in lib/i18n.tsx).
export const caseMessages = {
  zh: {
    since: '起',
    owed: '待追回',
    noticeTitle: '扶持资金决定书',
    basis: '依据',
    components: '资金构成',
    noticeTotal: '合计',
    budgetYear: '预算年度',
    issuer: '中关村科技园区石景山园管理委员会',
    run: '运行',
    event: '事件',
    noTimeline: '流程历史已不可用，以下为审计记录',
  },
  en: {
    since: 'since',
    owed: 'to recover',
    noticeTitle: 'Decision notice',
    basis: 'Basis',
    components: 'Components',
    noticeTotal: 'Total',
    budgetYear: 'Budget year',
    issuer: 'Zhongguancun Science Park Shijingshan Park Management Committee',
    run: 'run',
    event: 'event',
    noTimeline: 'The workflow history is no longer available; the audit log follows',
  },
};
