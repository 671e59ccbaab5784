// The demo catalog: 60 products in 6 categories, the same on every machine (no randomness),
// so that demos, tests and benchmarks can name products. They are written as items were before
// versions, thresholds and the stock ledger (no version, no lowStockThreshold, no INITIAL
// movement): the API answers them version 0 and threshold 5, and their ledgers start at their
// first movement.
import type { Product } from '../domain/product.ts';

type Seed = readonly [name: string, price: number, width: number, length: number, height: number, weight: number, stock: number];

const CATALOG: Record<string, readonly Seed[]> = {
  books: [
    ['The Pragmatic Programmer', 4200, 190, 235, 30, 680, 120],
    ['Designing Data-Intensive Applications', 4999, 178, 233, 35, 950, 80],
    ['Structure and Interpretation of Computer Programs', 5500, 185, 230, 40, 1100, 40],
    ['A Philosophy of Software Design', 2999, 152, 229, 12, 290, 150],
    ['Refactoring', 4700, 190, 240, 32, 900, 60],
    ['The Mythical Man-Month', 3200, 155, 230, 22, 450, 90],
    ['Working Effectively with Legacy Code', 5100, 178, 235, 28, 820, 35],
    ['Release It!', 4100, 190, 235, 25, 640, 70],
    ['Domain-Driven Design', 6200, 190, 240, 38, 1200, 25],
    ['Site Reliability Engineering', 4400, 178, 233, 33, 1000, 55],
  ],
  electronics: [
    ['Wireless Noise-Cancelling Headphones', 29900, 200, 250, 90, 550, 40],
    ['USB-C Charger 65W', 3900, 60, 60, 30, 120, 300],
    ['Mechanical Keyboard', 12900, 140, 450, 45, 1100, 45],
    ['27-inch 4K Monitor', 39900, 650, 180, 450, 7200, 15],
    ['Portable SSD 1TB', 10900, 60, 100, 12, 60, 120],
    ['Bluetooth Speaker', 7900, 80, 180, 80, 540, 75],
    ['Webcam 1080p', 5900, 95, 30, 30, 160, 90],
    ['E-Reader', 13900, 115, 175, 10, 200, 60],
    ['Smart Watch', 24900, 45, 45, 12, 50, 50],
    ['Wireless Mouse', 2900, 65, 110, 40, 90, 200],
  ],
  kitchen: [
    ['Cast Iron Skillet 26 cm', 3900, 270, 450, 55, 2600, 70],
    ['Chef Knife 20 cm', 8900, 50, 330, 25, 220, 40],
    ['Espresso Machine', 44900, 300, 350, 400, 9500, 10],
    ['Stand Mixer', 39900, 240, 360, 360, 10500, 12],
    ['Pour-Over Coffee Set', 4500, 150, 150, 200, 700, 80],
    ['Bamboo Cutting Board', 2500, 250, 380, 20, 900, 110],
    ['Dutch Oven 5 L', 12900, 300, 360, 180, 5600, 25],
    ['Digital Kitchen Scale', 1900, 160, 200, 20, 400, 140],
    ['Electric Kettle', 4900, 160, 220, 250, 1200, 65],
    ['Set of 6 Glasses', 2900, 250, 250, 150, 1800, 95],
  ],
  outdoor: [
    ['Two-Person Tent', 19900, 180, 500, 180, 2400, 30],
    ['Sleeping Bag -5 °C', 12900, 220, 400, 220, 1400, 35],
    ['Hiking Backpack 45 L', 14900, 300, 650, 250, 1500, 40],
    ['Trekking Poles', 6900, 80, 680, 80, 520, 60],
    ['Headlamp', 3500, 60, 80, 50, 90, 150],
    ['Camping Stove', 5900, 110, 110, 90, 380, 55],
    ['Water Filter', 3900, 60, 200, 60, 160, 85],
    ['Insulated Bottle 1 L', 3200, 90, 90, 300, 450, 130],
    ['Folding Chair', 4900, 150, 850, 150, 2800, 45],
    ['Rain Jacket', 15900, 250, 350, 60, 400, 50],
  ],
  toys: [
    ['Wooden Train Set', 5900, 300, 450, 100, 2100, 40],
    ['Building Blocks 500 pcs', 4900, 260, 380, 140, 1600, 70],
    ['Puzzle 1000 pieces', 1900, 270, 370, 55, 900, 100],
    ['Plush Bear', 2500, 200, 250, 300, 350, 90],
    ['Kite', 2900, 100, 900, 50, 250, 60],
    ['Board Game: Settlers', 4500, 295, 295, 80, 1300, 50],
    ['Remote Control Car', 6900, 200, 350, 150, 1100, 35],
    ['Art Set', 3500, 250, 380, 60, 1200, 75],
    ['Chess Set', 3900, 250, 500, 60, 1800, 45],
    ['Jump Rope', 900, 80, 200, 80, 200, 200],
  ],
  garden: [
    ['Garden Hose 25 m', 4900, 350, 350, 150, 3900, 40],
    ['Pruning Shears', 2900, 60, 220, 25, 250, 120],
    ['Raised Garden Bed', 12900, 1000, 1200, 300, 14000, 8],
    ['Watering Can 10 L', 2500, 200, 550, 400, 900, 70],
    ['Compost Bin', 7900, 600, 600, 800, 9000, 15],
    ['Seed Starter Kit', 1900, 250, 400, 80, 700, 150],
    ['Garden Gloves', 1200, 120, 250, 30, 100, 250],
    ['Wheelbarrow', 11900, 650, 1400, 600, 16000, 6],
    ['Bird Feeder', 2900, 200, 200, 300, 800, 60],
    ['Solar Garden Lights (6)', 3900, 150, 450, 120, 1300, 80],
  ],
};

/** A fixed creation date, so that the demo data is the same everywhere. */
const CREATED = '2026-01-01T00:00:00.000Z';

export function demoCatalog(): Product[] {
  return Object.entries(CATALOG).flatMap(([category, seeds]) =>
    seeds.map(([name, price, width, length, height, weight, stock], index) => ({
      productId: `demo-${category}-${String(index + 1).padStart(2, '0')}`,
      name,
      description: `${name}, from the demo ${category} catalog.`,
      category,
      tags: [category, price < 3000 ? 'under-30' : 'premium'],
      pictures: [`https://picsum.photos/seed/${category}-${index + 1}/600/600`],
      price,
      package: { width, length, height, weight },
      stock,
      createdDate: CREATED,
      modifiedDate: CREATED,
    })),
  );
}
