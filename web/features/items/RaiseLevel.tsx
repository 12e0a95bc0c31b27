import { ArrowUpOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONFIDENTIALITY_LEVELS, confidentialityRank, type Confidentiality } from '../../../domain/items.ts';
import { api } from '../../api/client.ts';
import type { ItemView } from '../../api/types.ts';
import { errorMessage } from '../../components/error-message.ts';
import { useItemRefresh } from './useItems.ts';

/**
 * the side that provided an answer, a message or a file may raise its level (never lower it;
 * the other side may not change it at all). Offered only to the providing side, next to the level.
 */
export function RaiseLevel({
  item,
  piece,
  pieceId,
  level,
}: {
  item: Pick<ItemView, 'id'>;
  piece: 'answer' | 'message' | 'attachment';
  pieceId?: string;
  level: Confidentiality;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useItemRefresh();
  const higher = CONFIDENTIALITY_LEVELS.filter((l) => confidentialityRank(l) > confidentialityRank(level));
  const raise = useMutation({
    mutationFn: (to: Confidentiality) => api.post<ItemView>(`/api/v1/items/${item.id}/confidentiality`, { piece, pieceId, confidentiality: to }),
    onSuccess: (answer) => {
      refresh(answer);
      void message.success(t('items:pieces.raised'));
    },
    onError: (e) => void message.error(errorMessage(t, e)),
  });
  if (higher.length === 0) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: higher.map((l) => ({ key: l, label: t(`items:confidentiality.${l}`) })),
        onClick: ({ key }) =>
          void modal.confirm({
            title: t('items:pieces.raiseConfirm', { piece: t(`items:pieces.names.${piece}`), level: t(`items:confidentiality.${key}`) }),
            content: t('items:pieces.raiseNote'),
            okText: t('items:pieces.raise'),
            cancelText: t('common:actions.cancel'),
            onOk: () => raise.mutateAsync(key as Confidentiality),
          }),
      }}
    >
      <Button size="small" type="link" icon={<ArrowUpOutlined aria-hidden />} loading={raise.isPending} style={{ paddingInline: 4 }}>
        {t('items:pieces.raise')}
      </Button>
    </Dropdown>
  );
}
