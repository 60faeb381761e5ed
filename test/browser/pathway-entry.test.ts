/**
 * The network's front door end to end (issue 13's acceptance): a GP asks for support for a person
 * new to the network on a phone; a coordinator triages it on a tablet (1024×768), accepts it naming
 * themself as assessor, completes the multidimensional assessment and an AGGIR grid section by
 * section and sees the integration level with its reasons; the GP then finds the answer in "Mes
 * demandes". axe-core checks each screen. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, DEMO, pageProblems, signIn } from './helpers.js';

const suite = browserSuite();
const freshPage = (viewport: { width: number; height: number }) =>
  suite.freshPage(viewport.width, viewport.height);
const { axe } = suite;

/** The question whose legend (or label) starts with these words. */
const question = (page: Page, words: string): Locator =>
  page.getByRole('group', { name: new RegExp(`^${words}`) });

/** Answers a typed question: the value is saved when the field is left. */
async function type(page: Page, words: string, value: string): Promise<void> {
  const input = page.getByLabel(new RegExp(`^${words}`));
  await input.fill(value);
  await input.press('Tab');
}

async function nextSection(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Partie suivante' }).click();
}

describe('the pathway entry, from the request to the integration level', () => {
  test('a GP asks on a phone, a coordinator accepts and assesses on a tablet, the GP sees the answer', async () => {
    // A name no demo person has: the duplicate check finds nobody.
    const lastName = `Parcours${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 6)}`;
    const gp = await freshPage({ width: 390, height: 844 });
    await signIn(gp, suite.server.baseUrl, DEMO.professional);
    await gp.getByRole('link', { name: 'Demandes d’appui' }).click();
    await gp.getByRole('link', { name: 'Demander l’appui du réseau' }).click();
    await gp.getByRole('heading', { name: 'Demander l’appui du réseau' }).waitFor();
    await gp.getByLabel('Nom', { exact: true }).fill(lastName);
    await gp.getByLabel('Prénom').fill('Armand');
    await gp.getByLabel('Date de naissance').fill('1938-05-17');
    await gp.getByText('Autonomie', { exact: true }).click();
    await gp.getByText('Isolement social', { exact: true }).click();
    await gp.getByText('Oral', { exact: true }).click();
    await gp.getByText('La personne accepte que son médecin traitant reçoive une copie').click();
    await gp.getByRole('button', { name: 'Envoyer la demande' }).click();
    const sent = await gp.getByText(/Votre référence : DA-\d{4}-\d{6}/).textContent();
    const reference = /DA-\d{4}-\d{6}/.exec(sent ?? '')![0];
    assert.deepEqual(await axe(gp), []);

    const coordinator = await freshPage({ width: 1024, height: 768 });
    await signIn(coordinator, suite.server.baseUrl, DEMO.coordinator);
    const memberId = await coordinator.evaluate(async () => {
      const response = await fetch('/api/auth/session');
      return ((await response.json()) as { user: { memberId: string } }).user.memberId;
    });
    await coordinator.getByRole('link', { name: 'Triage' }).click();
    const item = coordinator.locator('li', { hasText: reference });
    await item.getByRole('button', { name: 'Traiter' }).click();
    await item.getByText('Copie au médecin traitant : oui').waitFor();
    await item.getByText('Accepter', { exact: true }).click();
    await item.getByLabel('Évaluateur·rice').selectOption(memberId);
    assert.deepEqual(await axe(coordinator), []);
    await item.getByRole('button', { name: 'Accepter et nommer l’évaluateur·rice' }).click();
    await coordinator.locator('li', { hasText: reference }).waitFor({ state: 'detached' });
    await coordinator.getByRole('button', { name: 'Répondues' }).click();
    const answered = coordinator.locator('li', { hasText: reference });
    await answered.getByText('Acceptée').waitFor();
    await answered.getByRole('button', { name: 'Voir' }).click();
    await answered.getByRole('link', { name: `Évaluer Armand ${lastName}` }).click();

    // The multidimensional assessment, section by section.
    const page = coordinator;
    await page
      .getByRole('heading', { level: 1, name: 'Évaluations et niveau d’intégration' })
      .waitFor();
    await page.getByRole('button', { name: 'Commencer : Évaluation multidimensionnelle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Évaluation multidimensionnelle' }).waitFor();
    await question(page, 'Maladies chroniques').getByText('Diabète', { exact: true }).click();
    await type(page, 'Nombre de médicaments pris chaque jour', '6');
    await type(page, 'Chutes dans les 6 derniers mois', '1');
    await type(page, 'Hospitalisations dans les 6 derniers mois', '0');
    await type(page, 'Passages aux urgences dans les 6 derniers mois', '0');
    await nextSection(page);
    await question(page, 'Troubles de la mémoire').getByRole('radio', { name: 'Non' }).check();
    await question(page, 'Tristesse').getByRole('radio', { name: 'Non' }).check();
    await nextSection(page);
    await question(page, 'Vit seul').getByRole('radio', { name: 'Oui' }).check();
    await question(page, 'Isolement social')
      .getByRole('radio', { name: /^Partiel/ })
      .check();
    await question(page, 'Un·e aidant·e').getByRole('radio', { name: 'Non' }).check();
    await nextSection(page);
    await question(page, 'Logement').getByRole('radio', { name: 'À son domicile' }).check();
    await question(page, 'Risques au domicile').getByText('Accès difficile, escaliers').click();
    await nextSection(page);
    await question(page, 'Couverture santé')
      .getByRole('radio', { name: /^Complète/ })
      .check();
    await question(page, 'Difficultés financières').getByRole('radio', { name: 'Non' }).check();
    await question(page, 'Protection juridique').getByRole('radio', { name: 'Aucune' }).check();
    await nextSection(page);
    const services = question(page, 'Types de services qui interviennent');
    await services.getByText('Médecin traitant', { exact: true }).click();
    await services.getByText('Aide à domicile (SAAD)', { exact: true }).click();
    await nextSection(page);
    await question(page, 'Urgence de la situation')
      .getByRole('radio', { name: 'Sans urgence' })
      .check();
    await page.getByText('Brouillon enregistré.').waitFor();
    await page.getByRole('button', { name: 'Terminer l’évaluation' }).click();
    await page.getByText(/^Terminée le .* Elle ne change plus/).waitFor();
    const result = page.getByRole('complementary', { name: 'Résultat' });
    await result.locator('.level-value', { hasText: /^coordination$/ }).waitFor();
    await result
      .getByText(/2 types de services engagés \(seuil : \d+\) : des soins de plusieurs services/)
      .waitFor();
    assert.deepEqual(await axe(page), []);

    // An AGGIR grid, every sub-variable coded A: GIR 6, the level stays coordination.
    await page.getByRole('link', { name: 'Retour aux évaluations' }).click();
    await page.getByRole('button', { name: 'Commencer : Grille AGGIR' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grille AGGIR' }).waitFor();
    const groups = page.locator('form').getByRole('group');
    const count = await groups.count();
    for (let index = 0; index < count; index++) {
      await groups.nth(index).getByRole('radio', { name: /^A / }).check();
    }
    await page.getByText('Brouillon enregistré.').waitFor();
    await page.getByRole('button', { name: 'Terminer l’évaluation' }).click();
    await page.getByText(/^Terminée le .* Elle ne change plus/).waitFor();
    await page
      .getByRole('complementary', { name: 'Résultat' })
      .getByText('GIR 6', { exact: true })
      .waitFor();
    await page.getByRole('link', { name: 'Retour aux évaluations' }).click();
    const level = page.getByRole('region', { name: 'Niveau d’intégration' });
    await level.locator('.level-value', { hasText: /^coordination$/ }).waitFor();
    await level.getByText(/2 types de services engagés/).waitFor();
    await level.getByText(/^Prochaine évaluation prévue le /).waitFor();

    // The GP reads the answer in their requests, and nothing of the person's record.
    await gp.getByRole('link', { name: 'Mes demandes' }).click();
    const mine = gp.locator('li', { hasText: reference });
    await mine.getByText('Acceptée').waitFor();
    await mine.getByText(/réponse en \d+ minute/).waitFor();
    assert.deepEqual(await axe(gp), []);
    assert.deepEqual(pageProblems, []);
  });
});
