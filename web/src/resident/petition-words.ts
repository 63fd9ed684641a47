/**
 * The petitioner's pages' words (网上信访 and its tracking page) in zh-CN, zh-TW and en: a separate dictionary from
 * the report page's, loaded only with the petition pages, so the report page stays as small as it was.
 */
export const pzhCN = {
  title: '网上信访', intro: '依照《信访工作条例》，有关机关将在规定期限内告知是否受理，并书面答复。请如实填写，信访人信息依法保密。',
  kind: '诉求类型', complaint: '申诉求决', suggestion: '建议意见', accusationNote: '检举控告请向纪检监察机关提出。',
  category: '问题类别', choose: '请选择', matter: '信访事项', matterHint: '请写明事实经过、涉及单位和您的具体诉求',
  place: '问题发生地', needPlace: '请先确定问题发生地（使用当前位置或在地图上选点）', useGps: '使用当前位置', pickMap: '在地图上选点', located: '已定位', gpsFailed: '无法获取当前位置，请在地图上选点', locating: '正在定位…',
  address: '详细地址（选填）', name: '姓名', idNumber: '身份证号（选填，便于核实）', phone: '手机号（用于告知办理情况）', photos: '材料照片（选填，最多9张）', addPhoto: '拍照/选图',
  submit: '提交信访', sending: '提交中…', done: '提交成功', yourCode: '您的信访件编号', keepLink: '请保存下面的查询链接：凭它查询办理进度，收到答复后凭它评价（只有您能评价）',
  view: '查看进度', required: '请填写', badPhone: '请填写正确的手机号', retry: '网络不稳定，请重试（不会重复提交）', uploading: '上传中', failed: '失败',
  track: '信访进度', status: '当前阶段', registeredAt: '登记时间', body: '办理单位', expectedBy: '本阶段期限', servedAt: '答复送达时间', reviewUntil: '可申请复查至',
  steps: '办理过程', rate: '请评价办理情况', rated: '感谢您的评价', rateNeedsLink: '评价请用提交后得到的查询链接打开本页', notFound: '未找到该编号', search: '查询', enterCode: '输入信访件编号',
  satisfied: '满意', basically: '基本满意', unsatisfied: '不满意', colon: '：', language: '语言', report: '我要反映',
  stage: { registered: '已登记，待转送', with_body: '已转送责任单位', handling: '已受理，办理中', replied: '已答复', review: '复查中', re_review: '复核中', final: '已复核，终结', closed: '已办结', not_accepted: '不予受理', handed_over: '已移交纪检监察机关' } as Record<string, string>,
  ev: { register: '登记', transfer: '转送责任单位', assign: '交办责任单位', handOver: '移交纪检监察机关', notAccept: '不予受理', accept: '受理', approveExtension: '延长办理期限', conclude: '书面答复', serve: '文书送达', requestReview: '申请复查', concludeReview: '复查意见', requestReReview: '申请复核', concludeReReview: '复核意见', close: '办结', rate: '评价' } as Record<string, string>,
};
export type PetitionDict = typeof pzhCN;
export const pzhTW: PetitionDict = {
  title: '網上信訪', intro: '依照《信訪工作條例》，有關機關將在規定期限內告知是否受理，並書面答覆。請如實填寫，信訪人資訊依法保密。',
  kind: '訴求類型', complaint: '申訴求決', suggestion: '建議意見', accusationNote: '檢舉控告請向紀檢監察機關提出。',
  category: '問題類別', choose: '請選擇', matter: '信訪事項', matterHint: '請寫明事實經過、涉及單位和您的具體訴求',
  place: '問題發生地', needPlace: '請先確定問題發生地（使用目前位置或在地圖上選點）', useGps: '使用目前位置', pickMap: '在地圖上選點', located: '已定位', gpsFailed: '無法取得目前位置，請在地圖上選點', locating: '正在定位…',
  address: '詳細地址（選填）', name: '姓名', idNumber: '身分證號（選填，便於核實）', phone: '手機號碼（用於告知辦理情況）', photos: '材料照片（選填，最多9張）', addPhoto: '拍照/選圖',
  submit: '提交信訪', sending: '提交中…', done: '提交成功', yourCode: '您的信訪件編號', keepLink: '請保存下面的查詢連結：憑它查詢辦理進度，收到答覆後憑它評價（只有您能評價）',
  view: '查看進度', required: '請填寫', badPhone: '請填寫正確的手機號碼', retry: '網路不穩定，請重試（不會重複提交）', uploading: '上傳中', failed: '失敗',
  track: '信訪進度', status: '目前階段', registeredAt: '登記時間', body: '辦理單位', expectedBy: '本階段期限', servedAt: '答覆送達時間', reviewUntil: '可申請複查至',
  steps: '辦理過程', rate: '請評價辦理情況', rated: '感謝您的評價', rateNeedsLink: '評價請用提交後得到的查詢連結開啟本頁', notFound: '找不到該編號', search: '查詢', enterCode: '輸入信訪件編號',
  satisfied: '滿意', basically: '基本滿意', unsatisfied: '不滿意', colon: '：', language: '語言', report: '我要反映',
  stage: { registered: '已登記，待轉送', with_body: '已轉送責任單位', handling: '已受理，辦理中', replied: '已答覆', review: '複查中', re_review: '複核中', final: '已複核，終結', closed: '已辦結', not_accepted: '不予受理', handed_over: '已移交紀檢監察機關' },
  ev: { register: '登記', transfer: '轉送責任單位', assign: '交辦責任單位', handOver: '移交紀檢監察機關', notAccept: '不予受理', accept: '受理', approveExtension: '延長辦理期限', conclude: '書面答覆', serve: '文書送達', requestReview: '申請複查', concludeReview: '複查意見', requestReReview: '申請複核', concludeReReview: '複核意見', close: '辦結', rate: '評價' },
};
export const pen: PetitionDict = {
  title: 'Online petition', intro: 'Under the Regulations on Petitions, the body concerned tells you within the legal time whether it accepts your petition, and answers in writing. Your details are kept confidential.',
  kind: 'Kind', complaint: 'Complaint or request', suggestion: 'Suggestion', accusationNote: 'Accusations go to the discipline inspection bodies.',
  category: 'Category', choose: 'Choose', matter: 'Your petition', matterHint: 'What happened, which body it concerns, and what you ask for',
  place: 'Where', needPlace: 'Set the place first (your location or a point on the map)', useGps: 'Use my location', pickMap: 'Pick on the map', located: 'Located', gpsFailed: 'Could not get your location: pick the place on the map', locating: 'Locating…',
  address: 'Address (optional)', name: 'Name', idNumber: 'ID number (optional, helps to check)', phone: 'Mobile (to tell you about progress)', photos: 'Photos of documents (optional, up to 9)', addPhoto: 'Take or pick',
  submit: 'Submit', sending: 'Sending…', done: 'Submitted', yourCode: 'Your petition code', keepLink: 'Keep the link below: it shows the progress, and once you have the reply it lets you (and only you) rate the handling',
  view: 'See progress', required: 'Required', badPhone: 'Enter a valid mobile number', retry: 'Network trouble: try again (it will not be sent twice)', uploading: 'Uploading', failed: 'Failed',
  track: 'Petition progress', status: 'Stage', registeredAt: 'Registered', body: 'Handled by', expectedBy: 'Due for this stage', servedAt: 'Reply delivered', reviewUntil: 'Review may be asked until',
  steps: 'Steps', rate: 'Rate the handling', rated: 'Thank you for rating', rateNeedsLink: 'To rate, open this page with the link you got after submitting', notFound: 'No such code', search: 'Search', enterCode: 'Petition code',
  satisfied: 'Satisfied', basically: 'Fairly satisfied', unsatisfied: 'Unsatisfied', colon: ': ', language: 'Language', report: 'Report a problem',
  stage: { registered: 'Registered, to be sent on', with_body: 'Sent to the responsible body', handling: 'Accepted, being handled', replied: 'Replied', review: 'Under review', re_review: 'Under re-review', final: 'Re-reviewed (final)', closed: 'Closed', not_accepted: 'Not accepted', handed_over: 'Handed to the discipline bodies' },
  ev: { register: 'Registered', transfer: 'Sent to the responsible body', assign: 'Assigned to the responsible body', handOver: 'Handed to the discipline bodies', notAccept: 'Not accepted', accept: 'Accepted', approveExtension: 'Time extended', conclude: 'Written reply', serve: 'Document delivered', requestReview: 'Review asked', concludeReview: 'Review opinion', requestReReview: 'Re-review asked', concludeReReview: 'Re-review opinion', close: 'Closed', rate: 'Rated' },
};

