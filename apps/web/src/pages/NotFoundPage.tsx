import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageTitle } from '../components/PageTitle.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section>
      <PageTitle title={t('common.notFound')} lead={t('common.notFoundText')}>
        {t('common.notFound')}
      </PageTitle>
      <Link href="/">{t('common.backToBoard')}</Link>
    </section>
  );
}
