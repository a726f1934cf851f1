/**
 * Small frequency lists for the statistical encoding guess: characters that fill most of real
 * CRM text in each script (common words, surnames, company and address vocabulary). A byte
 * sequence decoded with the right encoding lands on these often; decoded with a wrong one it
 * lands on them by chance only (about 1 in 20 for 2-byte CJK sequences).
 */
export const COMMON_SIMPLIFIED = new Set(
  '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其过' +
  '没都发样成家方多经么去法学如现所当开用心公司有限责任股份集团科技电子信息网络技术发展银行商务贸易工业' +
  '北京上海广州深圳杭州南天津重庆成都武汉西安苏州市省区县路街号楼室层座姓名手机电话邮箱地址城备注客户' +
  '联系需跟进新已重要下周会议日期金额销售经理部门产品服务中心计算机系统通讯物流管理咨询设计制造建筑' +
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁' +
  '任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴' +
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红文建国志海宁晓东小云飞鹏辉亮婷雪梅春峰斌' +
  '华为腾讯阿里巴浦发展讯网站号码备份首页名称类型状态来源负责人创建更新时间年月日元人民币美元合同订单',
);

export const COMMON_TRADITIONAL = new Set(
  '的一是不了人我在有他這為之大來以個中上們到說國和地也子時道出而要於就下得可你年生自會那後能對著事其過' +
  '沒都發樣成家方多經麼去法學如現所當開用心公司有限責任股份集團科技電子資訊網路技術發展銀行商務貿易工業' +
  '台灣臺北中高雄新竹桃園南市縣區路街段號樓室姓名手機電話郵件地址城備註客戶聯絡需跟進重要會議日期金額' +
  '銷售經理部門產品服務中心計算機系統通訊物流管理諮詢設計製造建築積體鴻海精密華信國泰控股保險證券' +
  '陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏' +
  '志明美玲建國淑芬惠秀英俊宏家豪怡君雅婷佳慧文傑冠宇承恩芳娟玉珍麗華',
);

/** Kanji common in Japanese CRM data; kana are recognised by range. */
export const COMMON_KANJI = new Set(
  '日本人大会社東京株式有限名前氏電話番号住所都府県市区町村丁目番地営業部課長様御中担当者入力確認' +
  '山田中川佐藤鈴木高橋伊渡辺小林加吉松井村上清水森池野太郎花子一二三子美和正雄信男明' +
  '大阪名古屋愛知北海道札幌福岡横浜神奈千葉埼玉兵庫京都物産商事産業工業銀行保険販売情報技術' +
  '年月日時分金額合計税込備考新規顧客取引先代表取締役',
);

/** The most frequent Hangul syllables in Korean text, names and addresses. */
export const COMMON_HANGUL = new Set(
  '이다는의에고하을가서지기로한를도사리자시대나아과수인정어보해그주일게상전있만들원국성장공것내' +
  '김박최조윤강임한오신권황안송류홍민지은수준영현서우진호경희동철재혜미선연숙순자' +
  '름화번호메일회명소삼전차현대동엘학울특별광역부산해운구강남유북도군읍면리로길건물층실' +
  '식주사업무팀부문담당고객거래처계약금액날짜비고',
);
