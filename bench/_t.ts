import { createNameNormalizer } from '../packages/core/src/dispatch/enterpriseName.ts';
import { prepareAddress, foldPlaceNames } from '../packages/core/src/dispatch/places.ts';
import { prepareLedgerIndex } from '../packages/core/src/dispatch/ledger.ts';
const T='宏达鑫源金鹏华茂永兴恒通豫中嘉禾瑞丰盛世天成新利广安康泰昌隆顺发祥和美佳福富强旺德正大联合力峰宇明光辉亚东方圣荣腾飞龙凤云海洋江河山林森磊晶科信诚鸿运众汇通聚博创远航亿万全益民豪杰志立业春秋';
const r=(n:number)=>Math.floor(Math.random()*n);const w=()=>Array.from({length:3},()=>T[r(T.length)]).join('');
const kp=foldPlaceNames(['中原区','中原','金水区','金水','中牟县','中牟']);
const es=Array.from({length:5000},(_,i)=>({id:String(i),name:`郑州市${w()}塑料制品有限公司`,address:`中牟县${w()}镇${w()}村${r(300)}号`,countyCode:'410122',status:'banned' as const}));
const n=createNameNormalizer(kp);
for(let k=0;k<5;k++){
let t=performance.now(); for(const e of es) n(e.name); const a=performance.now()-t;
t=performance.now(); for(const e of es) prepareAddress(e.address,kp); const b=performance.now()-t;
t=performance.now(); prepareLedgerIndex(es,{knownPlaces:kp}); const c=performance.now()-t;
console.log('names',a.toFixed(0),'addr',b.toFixed(0),'index',c.toFixed(0));}
