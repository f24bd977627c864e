// The year data in the form: under the year, what a report on it studies and which campaign it brings; at the
// 年度学习教育 figures, whether that year has one (GET /api/year/{year}, from drafter's year data).

import { getJSON } from "./api.js";

const $ = (id) => document.getElementById(id);
const years = new Map(); // year → the server's /api/year answer (the data doesn't change while the page is open)

// Under the year: what a report on it studies and which campaign it brings; in the 年度学习教育 group: whether
// that year has one (its figures are refused in a year without).
// `current()` gives the year the form holds now (an answer for an older one is dropped).
export async function showYear(year, current) {
  const note = $("year-facts");
  const campaign = $("campaign-note");
  if (!note) return;
  if (!Number.isInteger(year) || year < 1949 || year > 2200) {
    note.textContent = "";
    if (campaign) campaign.textContent = "填写年度后，这里会说明当年是否开展中央部署的学习教育。";
    return;
  }
  let facts = years.get(year);
  if (!facts) {
    try {
      facts = await getJSON(`/api/year/${year}`);
    } catch {
      return; // the note is a help, not a requirement
    }
    years.set(year, facts);
  }
  if (current() !== year) return; // the year changed meanwhile
  const line = [];
  if (!facts.known) {
    line.push(`年度资料只覆盖 ${facts.covered[0]}—${facts.covered[1]} 年：草稿中当年学习的会议精神等将标为“待补充”。`);
  } else {
    line.push(`${year}年的报告学习${facts.study || facts.thought}`);
    line.push(facts.campaign ? `；当年开展${facts.campaign}${facts.campaign_span ? `（${facts.campaign_span}）` : ""}，草稿单列一段` : "；当年没有中央部署的集中学习教育");
    if (facts.documents.length) line.push(`；提及${facts.documents.join("、")}`);
    line.push("。");
  }
  note.textContent = line.join("");
  if (campaign) {
    campaign.textContent = facts.campaign
      ? `${year}年开展${facts.campaign}：填写其中查摆、整改的问题和建立的制度数。`
      : `${year}年没有中央部署的集中学习教育，这一组不用填写（填了会被退回）。`;
    campaign.closest("fieldset").classList.toggle("off", !facts.campaign);
  }
}
