/** /login: the sign-in page, which returns to the address asked for (?next=) once signed in. */
import { Navigate, useNavigate } from 'react-router';
import { Spin } from 'antd';
import { LanguageMenu } from '../../LanguageMenu';
import { useNextPath } from '../../router';
import { useMe } from './auth.api';
import { LoginPage } from './LoginPage';

export function SignInRoute() {
  const { data: me, isPending } = useMe();
  const next = useNextPath();
  const navigate = useNavigate();
  if (isPending) return <Spin style={{ margin: 80 }} />;
  if (me) return <Navigate to={next} replace />;
  return <LoginPage onSignedIn={() => navigate(next, { replace: true })} languageMenu={<LanguageMenu />} />;
}
