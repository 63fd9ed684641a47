/**
 * The words of the residents' mediation pages (申请调解 and its follow-up) in zh-CN, zh-TW and en: their own
 * dictionary, loaded only with those pages, so the report page stays as small as it was. No DOM here, so tests read it.
 */
export const dzhCN = {
  title: '申请人民调解', track: '调解进度',
  intro: '人民调解免费、自愿、不影响您依法起诉。调委会收到申请后会联系双方，征得同意后安排调解。您的信息依法保密，查询页不显示任何个人信息。',
  category: '纠纷类型', choose: '请选择', facts: '纠纷经过', factsHint: '请写明发生了什么、涉及哪些人、持续多久',
  claims: '您的请求（选填）', claimsHint: '如：要求对方拆除越界的院墙',
  place: '纠纷发生地', needPlace: '请先确定纠纷发生地（使用当前位置或在地图上选点）', useGps: '使用当前位置', pickMap: '在地图上选点', located: '已定位', gpsFailed: '无法获取当前位置，请在地图上选点', locating: '正在定位…',
  address: '详细地址（选填）', you: '您的信息', name: '姓名', phone: '手机号（调委会用它联系您）', idNumber: '身份证号（选填）',
  other: '对方当事人', otherName: '对方姓名或单位名称', otherPhone: '对方电话（选填）', otherKind: '对方是', person: '个人', organisation: '单位',
  submit: '提交申请', sending: '提交中…', done: '申请已提交', yourCode: '您的调解编号', keep: '请保存编号，凭编号查询调解进度（查询页不显示个人信息）', view: '查看进度',
  required: '请填写', badPhone: '请填写正确的手机号', retry: '网络不稳定，请重试（不会重复提交）', uploading: '上传中', failed: '失败',
  status: '当前阶段', registeredAt: '申请时间', committee: '调解组织', nextSession: '下次调解', outcome: '结果', steps: '调解过程',
  notFound: '未找到该编号', search: '查询', colon: '：', apply: '申请人民调解',
  stage: { registered: '已登记，待指派调解员', assigned: '已指派调解员', mediating: '调解中', agreed: '已达成调解协议', failed: '调解未成，已告知其他解决途径', referred: '已移交有关单位', refused: '一方不同意调解，调解终止', closed: '已结案' } as Record<string, string>,
  outcomes: { agreed: '达成协议', failed: '调解未成', referred: '已移交', refused: '调解终止' } as Record<string, string>,
  ev: { register: '登记', assign: '指派调解员', choose: '当事人选定调解员', transfer: '移送其他调委会', accept: '受理', scheduleSession: '安排调解', recordSession: '进行调解', extend: '经双方同意延长期限', recordAgreement: '达成协议', recordFailure: '调解未成', refer: '移交', refuse: '调解终止', close: '结案', agreementEffective: '调解协议生效', applyConfirmation: '申请司法确认', recordCourtAcceptance: '法院受理司法确认', recordCourtDecision: '法院作出确认决定' } as Record<string, string>,
  cat: { family: '婚姻家庭纠纷', neighbour: '邻里纠纷', land: '土地草场山林纠纷', homestead: '房屋宅基地纠纷', contract: '合同纠纷', damages: '损害赔偿纠纷', labour: '劳动争议与欠薪', property: '物业纠纷', village_affairs: '村务管理纠纷', other: '其他纠纷' } as Record<string, string>,
};
export type DisputeDict = typeof dzhCN;
export const dzhTW: DisputeDict = {
  title: '申請人民調解', track: '調解進度',
  intro: '人民調解免費、自願、不影響您依法起訴。調委會收到申請後會聯繫雙方，徵得同意後安排調解。您的資訊依法保密，查詢頁不顯示任何個人資訊。',
  category: '糾紛類型', choose: '請選擇', facts: '糾紛經過', factsHint: '請寫明發生了什麼、涉及哪些人、持續多久',
  claims: '您的請求（選填）', claimsHint: '如：要求對方拆除越界的院牆',
  place: '糾紛發生地', needPlace: '請先確定糾紛發生地（使用目前位置或在地圖上選點）', useGps: '使用目前位置', pickMap: '在地圖上選點', located: '已定位', gpsFailed: '無法取得目前位置，請在地圖上選點', locating: '正在定位…',
  address: '詳細地址（選填）', you: '您的資訊', name: '姓名', phone: '手機號碼（調委會用它聯繫您）', idNumber: '身分證號（選填）',
  other: '對方當事人', otherName: '對方姓名或單位名稱', otherPhone: '對方電話（選填）', otherKind: '對方是', person: '個人', organisation: '單位',
  submit: '提交申請', sending: '提交中…', done: '申請已提交', yourCode: '您的調解編號', keep: '請保存編號，憑編號查詢調解進度（查詢頁不顯示個人資訊）', view: '查看進度',
  required: '請填寫', badPhone: '請填寫正確的手機號碼', retry: '網路不穩定，請重試（不會重複提交）', uploading: '上傳中', failed: '失敗',
  status: '目前階段', registeredAt: '申請時間', committee: '調解組織', nextSession: '下次調解', outcome: '結果', steps: '調解過程',
  notFound: '找不到該編號', search: '查詢', colon: '：', apply: '申請人民調解',
  stage: { registered: '已登記，待指派調解員', assigned: '已指派調解員', mediating: '調解中', agreed: '已達成調解協議', failed: '調解未成，已告知其他解決途徑', referred: '已移交有關單位', refused: '一方不同意調解，調解終止', closed: '已結案' },
  outcomes: { agreed: '達成協議', failed: '調解未成', referred: '已移交', refused: '調解終止' },
  ev: { register: '登記', assign: '指派調解員', choose: '當事人選定調解員', transfer: '移送其他調委會', accept: '受理', scheduleSession: '安排調解', recordSession: '進行調解', extend: '經雙方同意延長期限', recordAgreement: '達成協議', recordFailure: '調解未成', refer: '移交', refuse: '調解終止', close: '結案', agreementEffective: '調解協議生效', applyConfirmation: '申請司法確認', recordCourtAcceptance: '法院受理司法確認', recordCourtDecision: '法院作出確認決定' },
  cat: { family: '婚姻家庭糾紛', neighbour: '鄰里糾紛', land: '土地草場山林糾紛', homestead: '房屋宅基地糾紛', contract: '合同糾紛', damages: '損害賠償糾紛', labour: '勞動爭議與欠薪', property: '物業糾紛', village_affairs: '村務管理糾紛', other: '其他糾紛' },
};
export const den: DisputeDict = {
  title: 'Apply for mediation', track: 'Mediation progress',
  intro: 'People\'s mediation is free and voluntary, and you keep your right to go to court. The committee contacts both sides and, if they agree, arranges a session. Your details are kept confidential; the progress page shows no personal data.',
  category: 'Kind of dispute', choose: 'Choose', facts: 'What happened', factsHint: 'What happened, who is involved, for how long',
  claims: 'What you ask for (optional)', claimsHint: 'e.g. that the neighbour moves the wall back',
  place: 'Where', needPlace: 'Set the place first (your location or a point on the map)', useGps: 'Use my location', pickMap: 'Pick on the map', located: 'Located', gpsFailed: 'Could not get your location: pick the place on the map', locating: 'Locating…',
  address: 'Address (optional)', you: 'You', name: 'Name', phone: 'Mobile (the committee calls you on it)', idNumber: 'ID number (optional)',
  other: 'The other side', otherName: 'Their name or organisation', otherPhone: 'Their phone (optional)', otherKind: 'They are', person: 'A person', organisation: 'An organisation',
  submit: 'Apply', sending: 'Sending…', done: 'Application sent', yourCode: 'Your mediation code', keep: 'Keep the code: it shows the progress (no personal data is shown)', view: 'See progress',
  required: 'Required', badPhone: 'Enter a valid mobile number', retry: 'Network trouble: try again (it will not be sent twice)', uploading: 'Uploading', failed: 'Failed',
  status: 'Stage', registeredAt: 'Applied', committee: 'Mediation committee', nextSession: 'Next session', outcome: 'Outcome', steps: 'Steps',
  notFound: 'No such code', search: 'Search', colon: ': ', apply: 'Apply for mediation',
  stage: { registered: 'Registered, waiting for a mediator', assigned: 'Mediator appointed', mediating: 'Being mediated', agreed: 'Agreement reached', failed: 'Not settled; other routes were explained', referred: 'Referred to another body', refused: 'Ended: a side declined mediation', closed: 'Closed' },
  outcomes: { agreed: 'Agreement', failed: 'Not settled', referred: 'Referred', refused: 'Ended' },
  ev: { register: 'Registered', assign: 'Mediator appointed', choose: 'Mediator chosen by the parties', transfer: 'Sent to another committee', accept: 'Accepted', scheduleSession: 'Session arranged', recordSession: 'Session held', extend: 'Time extended with both sides\' consent', recordAgreement: 'Agreement reached', recordFailure: 'Not settled', refer: 'Referred', refuse: 'Mediation ended', close: 'Closed', agreementEffective: 'Agreement in effect', applyConfirmation: 'Court confirmation applied for', recordCourtAcceptance: 'Court accepted the application', recordCourtDecision: 'Court decided' },
  cat: { family: 'Marriage and family', neighbour: 'Neighbours', land: 'Land, pasture, forest', homestead: 'Houses and homesteads', contract: 'Contracts', damages: 'Damages', labour: 'Labour and wages', property: 'Property management', village_affairs: 'Village affairs', other: 'Other' },
};
