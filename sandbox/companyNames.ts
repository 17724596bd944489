// Realistic, deterministic company names for generated seeds, in several languages and scripts.
export type Random = () => number;

const surnames = [
  'Müller',
  'Schmidt',
  'Dubois',
  'García',
  'Nakamura',
  'Kowalski',
  'Andersson',
  "O'Brien",
  'Rossi',
  'Novák',
  'Jensen',
  'Fernández',
  'Øberg',
  'Şahin',
  'Papadopoulos',
  'Van der Berg',
  'Smith',
  'Patel',
  'Nguyen',
  'Kim',
  'Okafor',
  'Silva',
  'Bianchi',
  'Larsen',
  'Horváth',
  'Björk',
  'Zieliński',
  'Costa',
  'Murphy',
  'Lefèvre',
  'Yılmaz',
  'Tanaka',
  'Hughes',
  'Dvořák',
  'Moreau',
  'Brennan',
];
const cities = [
  'Berlin',
  'München',
  'Zürich',
  'Lyon',
  'Kraków',
  'Łódź',
  'Göteborg',
  'Århus',
  'Málaga',
  'Porto',
  'Dublin',
  'Leeds',
  'Austin',
  'Denver',
  'Toronto',
  'Ōsaka',
  'Seattle',
  'Bristol',
  'Graz',
  'Brno',
  'Utrecht',
  'Gent',
  'Reykjavík',
  'São Paulo',
  'Montréal',
  'Köln',
  'Malmö',
  'Tromsø',
  'Córdoba',
  'Bordeaux',
];
const brands = [
  'Blue Harbor',
  'Northwind',
  'Silver Birch',
  'Red Oak',
  'Granite Peak',
  'Bright Path',
  'Evergreen',
  'Summit',
  'Iron Bridge',
  'Clearwater',
  'Maple Leaf',
  'Lakeside',
  'Pinecrest',
  'Sunrise',
  'Harborview',
  'Fjordlys',
  'Alpenblick',
  'Soleil',
  'Nordstjerna',
  'Cedar Ridge',
  'Wide World',
  'Fourth Coffee',
  'Tailspin',
  'Adatum',
];
const trades = [
  'Accounting',
  'Dental Care',
  'Logistics',
  'Architects',
  'Bäckerei',
  'Consulting',
  'Engineering',
  'Legal Services',
  'Veterinary Clinic',
  'Construction',
  'Insurance',
  'Pharmacy',
  'Design Studio',
  'Trading',
  'Manufacturing',
  'Real Estate',
  'Marketing',
  'Software',
  'Medical Practice',
  'Catering',
  'Transport',
  'Auto Repair',
  'Printing',
  'Landscaping',
  'Hotels',
  'Brewing',
  'Textiles',
  'Robotics',
  'Solar',
  'Plumbing',
];
const legalForms = [
  'GmbH',
  'Ltd',
  'LLC',
  'Inc.',
  'S.A.',
  'SARL',
  'AG',
  'B.V.',
  'AB',
  'A/S',
  'Sp. z o.o.',
  's.r.o.',
  'S.p.A.',
  'Oy',
  '株式会社',
  'Pty Ltd',
  '& Co.',
  'Group',
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function candidateName(random: Random): string {
  const pattern = random();
  if (pattern < 0.3) return `${pick(random, surnames)} ${pick(random, trades)} ${pick(random, legalForms)}`;
  if (pattern < 0.55) return `${pick(random, cities)} ${pick(random, trades)} ${pick(random, legalForms)}`;
  if (pattern < 0.75) return `${pick(random, brands)} ${pick(random, trades)} ${pick(random, legalForms)}`;
  return `${pick(random, surnames)} & ${pick(random, surnames)} ${pick(random, trades)}`;
}

// Retries until the name is new; a numbered branch keeps very large seeds unique once combinations run short.
export function uniqueCompanyName(random: Random, used: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = candidateName(random);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const name = `${candidateName(random)} ${used.size}`;
  used.add(name);
  return name;
}

// onmicrosoft.com prefixes are lower-case ASCII letters and digits only.
export function domainPrefix(name: string): string {
  return name
    .normalize('NFD')
    .replace(/ø/gi, 'o')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 24);
}
