import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ZMemberInput } from '../modules/directory/directory.schemas.js';
import { localizeIssue } from './errors.handler.js';

/** Field → message of every problem zod finds in input, as the API would word them. */
function messages(locale: 'fr' | 'en', schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  assert.equal(result.success, false);
  return Object.fromEntries(
    result.error.issues.map((issue) => [
      issue.path.join('.'),
      localizeIssue(locale, issue.code, issue as never, issue.message),
    ]),
  );
}

describe('plain validation messages', () => {
  it('words each problem of a directory form so that a nurse can correct it', () => {
    const said = messages('fr', ZMemberInput, {
      firstName: '',
      lastName: 'x'.repeat(101),
      profession: 'astronaute',
      rpps: '123',
      email: 'pas-un-email',
      languages: ['fr', 'klingon'],
    });
    assert.deepEqual(said, {
      firstName: 'à renseigner',
      lastName: 'trop long : 100 caractères au plus',
      profession: 'valeur inconnue : choisissez dans la liste proposée',
      rpps: 'le numéro RPPS compte 11 chiffres',
      email: 'adresse e-mail invalide (exemple : prenom.nom@exemple.fr)',
      'languages.1': 'valeur inconnue : choisissez dans la liste proposée',
    });
    for (const message of Object.values(said)) {
      assert.doesNotMatch(message, /[<>=]|\/\^|attendu|chaîne de caractères/);
    }
  });

  it('says the same in English', () => {
    const said = messages('en', ZMemberInput, { firstName: 'Anne', rpps: '123' });
    assert.equal(said.lastName, 'required');
    assert.equal(said.rpps, 'an RPPS number has 11 digits');
  });

  it('names missing fields, wrong kinds of value, limits of numbers and lists, unknown fields', () => {
    const schema = z.strictObject({
      name: z.string(),
      age: z.number().int().min(0).max(130),
      tags: z.array(z.string()).max(2),
      site: z.url(),
      id: z.uuid(),
    });
    assert.deepEqual(
      messages('fr', schema, {
        age: 1.5,
        tags: ['a', 'b', 'c'],
        site: 'nulle part',
        id: '42',
        colour: 'bleu',
      }),
      {
        name: 'à renseigner',
        age: 'nombre entier attendu',
        tags: 'trop d’éléments : 2 au plus',
        site: 'adresse web invalide (exemple : https://www.exemple.fr)',
        id: 'identifiant invalide',
        '': 'champ inconnu, à retirer : colour',
      },
    );
    assert.deepEqual(messages('fr', schema.pick({ age: true }), { age: -1 }), {
      age: 'doit valoir au moins 0',
    });
    assert.deepEqual(messages('en', z.object({ n: z.number() }), { n: 'deux' }), {
      n: 'wrong kind of value: number expected',
    });
  });
});
