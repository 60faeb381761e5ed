import { z } from 'zod';

export const ZCommuneQuery = z
  .object({
    q: z
      .string()
      .trim()
      .max(100)
      .describe('The beginning of a name (accents and "St" aside), a postcode or an INSEE code'),
  })
  .strict();

export const ZCommune = z.object({
  code: z.string().describe('INSEE code (code officiel géographique)'),
  name: z.string(),
  postcodes: z.array(z.string()),
  department: z.string().describe('Department code: 01–95, 2A, 2B, 971–976'),
});

export const ZCommuneList = z.object({ items: z.array(ZCommune).max(10) });
