/** Vocabulary for seeded shops: people, places, and what they sell. */

export const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Charlotte',
  'Lucas',
  'Amelia',
  'Ethan',
  'Sophie',
  'Mateo',
  'Chloé',
  'Hugo',
  'Léa',
  'Louis',
  'Maya',
  'Arjun',
  'Priya',
  'Wei',
  'Mei',
  'Kenji',
  'Aiko',
  'Omar',
  'Fatima',
  'Youssef',
  'Amara',
  'Kwame',
  'Ingrid',
  'Lars',
  'Sofia',
  'Diego',
  'Isabella',
  'Gabriel',
  'Zoe',
  'Nathan',
  'Hannah',
  'Samuel',
  'Aisha',
  'Daniel',
  'Clara',
  'Felix',
  'Nora',
  'Elias',
  'Julia',
  'Theo',
  'Alice',
  'Jonas',
  'Camille',
  'Raphaël',
  'Inès',
  'Adam',
];

export const LAST_NAMES = [
  'Tremblay',
  'Gagnon',
  'Roy',
  'Côté',
  'Bouchard',
  'Smith',
  'Brown',
  'Wilson',
  'MacDonald',
  'Campbell',
  'Martin',
  'Bernard',
  'Dubois',
  'Moreau',
  'Laurent',
  'Lefèvre',
  'Garcia',
  'Rossi',
  'Müller',
  'Schmidt',
  'Nguyen',
  'Chen',
  'Wang',
  'Singh',
  'Patel',
  'Kim',
  'Tanaka',
  'Haddad',
  'Okafor',
  'Mensah',
  'Andersen',
  'Johansson',
  'Novak',
  'Kowalski',
  "O'Brien",
  'Murphy',
  'Silva',
  'Santos',
  'Fischer',
  'Weber',
];

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'inbox.example'];

export interface City {
  city: string;
  provinceCode: string | null;
  countryCode: string;
  zip: string;
}

/** Where a shop is: its cities, its neighbours, its taxes and foreign currencies. */
export interface Region {
  countryCode: string;
  /** Phone numbers are phonePrefix + (phoneBase + n): unique per customer. */
  phonePrefix: string;
  phoneBase: number;
  taxRate: number;
  freeShippingCents: number;
  shippingCents: number;
  streets: string[];
  home: City[];
  abroad: City[];
  /** Currencies buyers see besides the shop's, with shop → presentment rates. */
  presentment: { currencyCode: string; rate: number }[];
  locations: { name: string; city: string }[];
}

const CANADA: Region = {
  countryCode: 'CA',
  phonePrefix: '+1416',
  phoneBase: 2_000_000,
  taxRate: 0.13,
  freeShippingCents: 7500,
  shippingCents: 995,
  streets: [
    'Maple Ave',
    'King St W',
    'Queen St E',
    'Harbour Rd',
    'Elm St',
    'Cedar Lane',
    'Birch Blvd',
    'Rue Sainte-Catherine',
  ],
  home: [
    { city: 'Toronto', provinceCode: 'ON', countryCode: 'CA', zip: 'M5V 2T6' },
    { city: 'Ottawa', provinceCode: 'ON', countryCode: 'CA', zip: 'K1P 5J2' },
    { city: 'Montréal', provinceCode: 'QC', countryCode: 'CA', zip: 'H2X 1Y4' },
    { city: 'Vancouver', provinceCode: 'BC', countryCode: 'CA', zip: 'V6B 1A1' },
    { city: 'Calgary', provinceCode: 'AB', countryCode: 'CA', zip: 'T2P 1J9' },
    { city: 'Halifax', provinceCode: 'NS', countryCode: 'CA', zip: 'B3J 1T2' },
    { city: 'Winnipeg', provinceCode: 'MB', countryCode: 'CA', zip: 'R3C 0V8' },
  ],
  abroad: [
    { city: 'Seattle', provinceCode: 'WA', countryCode: 'US', zip: '98101' },
    { city: 'Boston', provinceCode: 'MA', countryCode: 'US', zip: '02108' },
    { city: 'Chicago', provinceCode: 'IL', countryCode: 'US', zip: '60601' },
  ],
  presentment: [{ currencyCode: 'USD', rate: 0.73 }],
  locations: [
    { name: 'Toronto Warehouse', city: 'Toronto' },
    { name: 'Queen Street Store', city: 'Toronto' },
  ],
};

const FRANCE: Region = {
  countryCode: 'FR',
  phonePrefix: '+336',
  phoneBase: 10_000_000,
  taxRate: 0.2,
  freeShippingCents: 6000,
  shippingCents: 690,
  streets: [
    'rue Oberkampf',
    'rue de Rivoli',
    'avenue Foch',
    'boulevard Voltaire',
    'rue des Lilas',
    'quai de la Loire',
    'rue de la République',
  ],
  home: [
    { city: 'Paris', provinceCode: null, countryCode: 'FR', zip: '75011' },
    { city: 'Lyon', provinceCode: null, countryCode: 'FR', zip: '69002' },
    { city: 'Marseille', provinceCode: null, countryCode: 'FR', zip: '13001' },
    { city: 'Bordeaux', provinceCode: null, countryCode: 'FR', zip: '33000' },
    { city: 'Lille', provinceCode: null, countryCode: 'FR', zip: '59000' },
    { city: 'Nantes', provinceCode: null, countryCode: 'FR', zip: '44000' },
  ],
  abroad: [
    { city: 'Bruxelles', provinceCode: null, countryCode: 'BE', zip: '1000' },
    { city: 'Berlin', provinceCode: null, countryCode: 'DE', zip: '10115' },
    { city: 'London', provinceCode: null, countryCode: 'GB', zip: 'EC1A 1BB' },
  ],
  presentment: [
    { currencyCode: 'GBP', rate: 0.85 },
    { currencyCode: 'USD', rate: 1.08 },
  ],
  locations: [
    { name: 'Entrepôt Lyon', city: 'Lyon' },
    { name: 'Boutique Marais', city: 'Paris' },
  ],
};

const UNITED_STATES: Region = {
  countryCode: 'US',
  phonePrefix: '+1212',
  phoneBase: 2_000_000,
  taxRate: 0.08,
  freeShippingCents: 5000,
  shippingCents: 795,
  streets: ['Main St', 'Oak Ave', 'Pine St', 'Broadway', 'Elm St', 'Lake Shore Dr', 'Park Ave'],
  home: [
    { city: 'New York', provinceCode: 'NY', countryCode: 'US', zip: '10001' },
    { city: 'Austin', provinceCode: 'TX', countryCode: 'US', zip: '73301' },
    { city: 'Portland', provinceCode: 'OR', countryCode: 'US', zip: '97201' },
    { city: 'Denver', provinceCode: 'CO', countryCode: 'US', zip: '80202' },
    { city: 'Atlanta', provinceCode: 'GA', countryCode: 'US', zip: '30303' },
  ],
  abroad: [
    { city: 'Toronto', provinceCode: 'ON', countryCode: 'CA', zip: 'M5V 2T6' },
    { city: 'London', provinceCode: null, countryCode: 'GB', zip: 'EC1A 1BB' },
  ],
  presentment: [
    { currencyCode: 'CAD', rate: 1.37 },
    { currencyCode: 'EUR', rate: 0.92 },
  ],
  locations: [
    { name: 'Main Warehouse', city: 'New York' },
    { name: 'Flagship Store', city: 'New York' },
  ],
};

/** The shop's region, from its currency (CAD → Canada, EUR → France, otherwise the US). */
export function regionFor(currencyCode: string): Region {
  if (currencyCode === 'CAD') return CANADA;
  if (currencyCode === 'EUR') return FRANCE;
  return UNITED_STATES;
}

export type Shape = 'shirt' | 'mug' | 'bag' | 'lamp' | 'candle' | 'notebook' | 'bottle';

export const COLOURS = [
  { name: 'Forest', hex: '#2f5d3a' },
  { name: 'Navy', hex: '#1f2f4f' },
  { name: 'Clay', hex: '#b5651d' },
  { name: 'Sand', hex: '#c8ad87' },
  { name: 'Charcoal', hex: '#36454f' },
  { name: 'Rust', hex: '#a0522d' },
  { name: 'Sage', hex: '#8fa77b' },
  { name: 'Ocean', hex: '#2e6f95' },
] as const;

export interface ProductKind {
  noun: string;
  shape: Shape;
  /** Price range in cents. */
  price: [number, number];
  /** Option besides colour, or null for colour only; `step` adds cents per later value. */
  option: { name: string; values: string[]; step?: number } | null;
}

export interface Department {
  productType: string;
  code: string;
  materials: string[];
  kinds: ProductKind[];
  /** Share of the catalog. */
  weight: number;
}

const SIZES = { name: 'Size', values: ['XS', 'S', 'M', 'L', 'XL'] };

export const DEPARTMENTS: Department[] = [
  {
    productType: 'Apparel',
    code: 'APP',
    weight: 0.32,
    materials: ['Organic Cotton', 'Merino', 'Heavyweight', 'Brushed Fleece', 'Linen-Blend', 'Slub Cotton', 'Recycled'],
    kinds: [
      { noun: 'Crew Tee', shape: 'shirt', price: [2800, 3800], option: SIZES },
      { noun: 'Pocket Tee', shape: 'shirt', price: [3000, 4000], option: SIZES },
      { noun: 'Hoodie', shape: 'shirt', price: [6800, 8800], option: SIZES },
      { noun: 'Crewneck Sweatshirt', shape: 'shirt', price: [5800, 7400], option: SIZES },
      { noun: 'Flannel Shirt', shape: 'shirt', price: [6400, 8400], option: SIZES },
      { noun: 'Cardigan', shape: 'shirt', price: [8900, 12900], option: SIZES },
    ],
  },
  {
    productType: 'Home Decor',
    code: 'HOM',
    weight: 0.2,
    materials: ['Ceramic', 'Oak', 'Brass', 'Soy Wax', 'Linen', 'Rattan', 'Stoneware'],
    kinds: [
      { noun: 'Table Lamp', shape: 'lamp', price: [8900, 14900], option: null },
      { noun: 'Desk Lamp', shape: 'lamp', price: [6900, 11900], option: null },
      { noun: 'Pendant Light', shape: 'lamp', price: [12900, 19900], option: null },
      {
        noun: 'Scented Candle',
        shape: 'candle',
        price: [2400, 3600],
        option: { name: 'Scent', values: ['Cedar', 'Fig', 'Sea Salt', 'Amber'] },
      },
      { noun: 'Pillar Candle', shape: 'candle', price: [1800, 2800], option: null },
    ],
  },
  {
    productType: 'Kitchen',
    code: 'KIT',
    weight: 0.18,
    materials: ['Stoneware', 'Enamel', 'Glazed', 'Speckled', 'Insulated', 'Glass'],
    kinds: [
      { noun: 'Mug', shape: 'mug', price: [1800, 2600], option: null },
      { noun: 'Camp Mug', shape: 'mug', price: [2200, 3000], option: null },
      {
        noun: 'Water Bottle',
        shape: 'bottle',
        price: [2800, 4200],
        option: { name: 'Capacity', values: ['500 ml', '750 ml', '1 L'], step: 400 },
      },
      { noun: 'Travel Tumbler', shape: 'bottle', price: [3200, 4400], option: null },
    ],
  },
  {
    productType: 'Accessories',
    code: 'ACC',
    weight: 0.18,
    materials: ['Waxed Canvas', 'Leather', 'Recycled Nylon', 'Cotton Canvas', 'Cork', 'Wool'],
    kinds: [
      { noun: 'Tote Bag', shape: 'bag', price: [3200, 4800], option: null },
      {
        noun: 'Backpack',
        shape: 'bag',
        price: [8900, 12900],
        option: { name: 'Size', values: ['20 L', '28 L'], step: 2000 },
      },
      { noun: 'Market Bag', shape: 'bag', price: [2400, 3400], option: null },
      { noun: 'Weekender', shape: 'bag', price: [11900, 16900], option: null },
    ],
  },
  {
    productType: 'Stationery',
    code: 'STA',
    weight: 0.12,
    materials: ['Recycled Paper', 'Linen Cover', 'Kraft', 'Cloth-Bound', 'Dot-Grid'],
    kinds: [
      {
        noun: 'Notebook',
        shape: 'notebook',
        price: [1400, 2200],
        option: { name: 'Ruling', values: ['Lined', 'Dotted', 'Blank'] },
      },
      { noun: 'Planner', shape: 'notebook', price: [2800, 3600], option: null },
      { noun: 'Sketchbook', shape: 'notebook', price: [1900, 2900], option: null },
    ],
  },
];

export const TITLE_PREFIXES = [
  'Classic',
  'Everyday',
  'Heritage',
  'Coastal',
  'Alpine',
  'Studio',
  'Weekend',
  'Harbour',
  'Northern',
  'Field',
  'Atelier',
  'Cabin',
  'Meadow',
  'Summit',
  'Trail',
  'Riverside',
  'Nordic',
  'Urban',
  'Orchard',
  'Prairie',
];

export const VENDORS = ['Northwind Supply', 'Cedar & Co', 'Loom Studio', 'Birchline', 'Fieldnotes Goods'];

export const PRODUCT_TAGS = ['new', 'bestseller', 'gift', 'sale', 'eco', 'limited', 'winter', 'summer', 'handmade'];

export const DESCRIPTION_SENTENCES = [
  'Made in small batches by people who care about the details.',
  'Designed to be used every day and get better with age.',
  'Finished by hand, so no two are exactly alike.',
  'Built to last, with materials chosen for how they wear over time.',
  'A quiet, useful piece that fits right into your routine.',
  'Packed plastic-free and shipped in recycled cardboard.',
  'Easy to care for: follow the label and it will keep its shape for years.',
];

export const FEATURES = [
  'Responsibly sourced materials',
  'Reinforced stitching',
  'Lifetime repair program',
  'Designed in-house',
  'Ships within 2 business days',
  'Free returns within 30 days',
];
