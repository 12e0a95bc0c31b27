import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './useUnreadCount.ts';

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data } = useUnreadCount();
  const unread = data?.unread ?? 0;
  const label = t('notifications:bell', { count: unread });
  return (
    <Tooltip title={label}>
      <Badge count={unread} overflowCount={99} size="small">
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={label} onClick={() => navigate('/notifications')} style={{ color: 'inherit' }} />
      </Badge>
    </Tooltip>
  );
}
