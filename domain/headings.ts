import type { ItemKind, ItemLanguage } from './items.ts';

/**
 * The heading of a letter («О …» in Russian, «… туралы» in Kazakh) from the subject a user typed.
 * Written once here: the server's letters and the web's preview ask it. The subject as entered is
 * the heading's object. Russian: a subject that is already «О/Об/Обо …» keeps its words with the
 * form of the preposition fixed; a nominative phrase headed by a known noun (optionally after known
 * adjectives) is put into the prepositional case; anything else is quoted after a safe frame
 * («О запросе «…»»), which is grammatical whatever was typed. Kazakh: «туралы» is added only when
 * the subject does not already end with it (or with «жөнінде»/«бойынша»).
 */

const trimSubject = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.,;:!]+$/u, '');

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('ru') + s.slice(1);

/** «О», «Об» before a vowel sound (а, э, и, о, у, ы), «Обо» in the set phrases «обо мне», «обо всём» … */
export function aboutPreposition(nextWord: string): 'О' | 'Об' | 'Обо' {
  const w = nextWord.toLocaleLowerCase('ru').replace(/^[«"„(]+/u, '');
  if (/^(мне|всём|всем|всех|всё|всей|что)$/u.test(w.replace(/[^\p{L}]/gu, ''))) return 'Обо';
  return /^[аэиоуы]/u.test(w) ? 'Об' : 'О';
}

/** Nominative → prepositional of the nouns subjects of these letters usually start with. */
const NOUNS: Record<string, string> = {
  анализ: 'анализе',
  взаимодействие: 'взаимодействии',
  визит: 'визите',
  возбуждение: 'возбуждении',
  вопрос: 'вопросе',
  вопросы: 'вопросах',
  встреча: 'встрече',
  встречи: 'встречах',
  выдача: 'выдаче',
  выявление: 'выявлении',
  гражданин: 'гражданине',
  гражданка: 'гражданке',
  данные: 'данных',
  деятельность: 'деятельности',
  документ: 'документе',
  документы: 'документах',
  допрос: 'допросе',
  защита: 'защите',
  законодательство: 'законодательстве',
  запрос: 'запросе',
  запросы: 'запросах',
  изучение: 'изучении',
  изъятие: 'изъятии',
  информация: 'информации',
  исполнение: 'исполнении',
  истребование: 'истребовании',
  конференция: 'конференции',
  копия: 'копии',
  копии: 'копиях',
  лицо: 'лице',
  лица: 'лицах',
  материалы: 'материалах',
  меры: 'мерах',
  мероприятие: 'мероприятии',
  мероприятия: 'мероприятиях',
  направление: 'направлении',
  нарушение: 'нарушении',
  нарушения: 'нарушениях',
  обмен: 'обмене',
  обобщение: 'обобщении',
  оказание: 'оказании',
  организация: 'организации',
  ознакомление: 'ознакомлении',
  опыт: 'опыте',
  ответ: 'ответе',
  охрана: 'охране',
  передача: 'передаче',
  подготовка: 'подготовке',
  подтверждение: 'подтверждении',
  получение: 'получении',
  порядок: 'порядке',
  практика: 'практике',
  предложение: 'предложении',
  предложения: 'предложениях',
  предоставление: 'предоставлении',
  приглашение: 'приглашении',
  применение: 'применении',
  проведение: 'проведении',
  проверка: 'проверке',
  проект: 'проекте',
  противодействие: 'противодействии',
  профилактика: 'профилактике',
  рассмотрение: 'рассмотрении',
  результат: 'результате',
  результаты: 'результатах',
  розыск: 'розыске',
  сведения: 'сведениях',
  семинар: 'семинаре',
  содействие: 'содействии',
  согласие: 'согласии',
  согласование: 'согласовании',
  соблюдение: 'соблюдении',
  совещание: 'совещании',
  сотрудничество: 'сотрудничестве',
  состояние: 'состоянии',
  стажировка: 'стажировке',
  статистика: 'статистике',
  тенденции: 'тенденциях',
  установление: 'установлении',
  участие: 'участии',
  уточнение: 'уточнении',
};

/** Adjectives seen before those nouns; declined only when a known noun follows them. */
const ADJECTIVES: Record<string, string> = {
  взаимная: 'взаимной',
  взаимный: 'взаимном',
  взаимное: 'взаимном',
  дополнительная: 'дополнительной',
  дополнительные: 'дополнительных',
  дополнительный: 'дополнительном',
  дополнительное: 'дополнительном',
  международная: 'международной',
  международное: 'международном',
  международные: 'международных',
  международный: 'международном',
  правовая: 'правовой',
  рабочая: 'рабочей',
  рабочие: 'рабочих',
  рабочий: 'рабочем',
  совместная: 'совместной',
  совместное: 'совместном',
  совместные: 'совместных',
  совместный: 'совместном',
  статистические: 'статистических',
};

/** The subject's leading words put into the prepositional case, or null when it is not a phrase we can decline safely. */
function prepositional(subject: string): string | null {
  const words = subject.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // A word in capitals or with capitals inside (ГУМПС, ОВД) is a name: never declined.
    if (/\p{Lu}.*\p{Lu}/u.test(word)) return null;
    const lower = word.toLocaleLowerCase('ru');
    const noun = NOUNS[lower];
    if (noun) return [...out, noun, ...words.slice(i + 1)].join(' ');
    const adjective = ADJECTIVES[lower];
    if (!adjective) return null;
    out.push(adjective);
  }
  return null;
}

const OPENINGS_RU = /^(о|об|обо)\s+(.*)$/iu;
const REPEATED_RU = /^(о|об|обо)(\s|$)/iu;
/** Prepositional singular forms that look like a nominative plural: after «О» they stay as typed. */
const AMBIGUOUS_RU = new Set(['копии', 'тенденции']);
const KNOWN_RU = new Set([...Object.keys(NOUNS), ...Object.values(NOUNS), ...Object.keys(ADJECTIVES), ...Object.values(ADJECTIVES)]);
/** Headings that already start with a preposition of their own. */
const OWN_FRAME_RU = /^(по|относительно|касательно|в связи с|в отношении)\s/iu;
const FRAMES_RU: Record<ItemKind, string> = { request: 'О запросе', proposal: 'Об инициативном предложении' };

export function russianHeading(subject: string, kind: ItemKind = 'request'): string {
  let s = trimSubject(subject);
  // «О О …», «Об о …»: the preposition once.
  let m = OPENINGS_RU.exec(s);
  while (m && REPEATED_RU.test(m[2]!)) {
    s = m[2]!;
    m = OPENINGS_RU.exec(s);
  }
  if (!s) return FRAMES_RU[kind];
  if (m) {
    // «О запрос сведений» is declined; «о Запросе» gets its small letter back (a name keeps its capital).
    const [first = '', ...rest] = m[2]!.split(' ');
    const lower = first.toLocaleLowerCase('ru');
    const body = AMBIGUOUS_RU.has(lower) ? null : prepositional(m[2]!);
    const object = body ?? (KNOWN_RU.has(lower) && !/\p{Lu}.*\p{Lu}/u.test(first) ? [lower, ...rest].join(' ') : m[2]!);
    return `${aboutPreposition(object)} ${object}`;
  }
  if (OWN_FRAME_RU.test(s)) return upperFirst(s);
  const declined = prepositional(s);
  if (declined) return `${aboutPreposition(declined)} ${declined}`;
  // Quoted, the subject keeps its own case: «О запросе «Рабочий визит делегации»».
  const quoted = s.includes('«') ? `: ${s}` : ` «${upperFirst(s)}»`;
  return `${FRAMES_RU[kind]}${quoted}`;
}

/** Endings that already say «about»: nothing is added after them. */
const ABOUT_KK = /(туралы|жөнінде|жайында|хақында|бойынша)$/iu;
const FRAMES_KK: Record<ItemKind, string> = { request: 'Сұрау салу туралы', proposal: 'Бастамашыл ұсыныс туралы' };

export function kazakhHeading(subject: string, kind: ItemKind = 'request'): string {
  // «… туралы туралы»: the postposition once.
  let s = trimSubject(subject).replace(/(туралы)(\s+туралы)+/giu, '$1');
  // A postposition alone is no subject.
  if (!s || new RegExp(`^${ABOUT_KK.source.slice(0, -1)}$`, 'iu').test(s)) return FRAMES_KK[kind];
  s = upperFirst(s);
  return ABOUT_KK.test(s) ? s : `${s} туралы`;
}

export function letterHeading(subject: string, lang: ItemLanguage, kind: ItemKind = 'request'): string {
  return lang === 'kk' ? kazakhHeading(subject, kind) : russianHeading(subject, kind);
}

/**
 * A fragment the user typed, as a sentence of the letter: capital first letter, a full stop at the
 * end unless it ends with its own punctuation (or a closing quote or bracket after it).
 */
export function asSentence(text: string): string {
  const s = text.replace(/[ \t]+/g, ' ').trim();
  if (!s) return s;
  const capital = s.charAt(0).toLocaleUpperCase() + s.slice(1);
  return /[.!?…]["»)]?$/u.test(capital) ? capital : `${capital.replace(/[,;:]+$/u, '')}.`;
}
