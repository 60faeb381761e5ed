import { useTranslation } from 'react-i18next';
import { Field, SelectField } from '../../components/Field';
import type { IdentityValues } from './identity-form-model';

type Props = {
  values: IdentityValues;
  onChange: (values: IdentityValues) => void;
  errors: Record<string, string>;
};

/**
 * Advance directives (directives anticipées), printed on the emergency liaison sheet for the home
 * (decision 020): written or not, and where they are kept so that whoever arrives finds them.
 */
export function AdvanceDirectivesFields({ values, onChange, errors }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="card form-section">
      <legend>{t('emergencySheet.directives')}</legend>
      <div className="form-grid">
        <SelectField
          label={t('emergencySheet.directivesExist')}
          name="advanceDirectives"
          value={values.advanceDirectives}
          onChange={(value) =>
            onChange({
              ...values,
              advanceDirectives: value === 'yes' || value === 'no' ? value : '',
            })
          }
          options={[
            { value: '', label: t('emergencySheet.notAsked') },
            { value: 'yes', label: t('emergencySheet.yes') },
            { value: 'no', label: t('emergencySheet.no') },
          ]}
          error={errors.advanceDirectives}
        />
        {values.advanceDirectives === 'yes' && (
          <Field
            label={t('emergencySheet.directivesWhere')}
            name="advanceDirectives.where"
            value={values.advanceDirectivesWhere}
            onChange={(event) =>
              onChange({ ...values, advanceDirectivesWhere: event.target.value })
            }
            hint={t('emergencySheet.directivesWhereHint')}
            error={errors['advanceDirectives.where']}
            autoComplete="off"
          />
        )}
      </div>
    </fieldset>
  );
}
