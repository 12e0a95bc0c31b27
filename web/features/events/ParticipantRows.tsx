import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The participants of a form, one row each (full name, position), added and removed: in the
 * proposal with the side of each; in a counterpart's letter all are of its side.
 */
export function ParticipantRows({ withSide = false }: { withSide?: boolean }) {
  const { t } = useTranslation();
  const wide = withSide ? { name: 8, position: 9 } : { name: 11, position: 11 };
  return (
    <Form.List name="participants">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top" data-testid="participant-row">
              {withSide ? (
                <Col xs={24} md={5}>
                  <Form.Item name={[field.name, 'side']} initialValue="own" style={{ marginBottom: 8 }}>
                    <Select
                      aria-label={t('events:form.participantSide', { index: index + 1 })}
                      options={(['own', 'counterpart'] as const).map((s) => ({ value: s, label: t(`events:sides.${s}`) }))}
                    />
                  </Form.Item>
                </Col>
              ) : null}
              <Col xs={24} md={wide.name}>
                <Form.Item name={[field.name, 'fullName']} style={{ marginBottom: 8 }}>
                  <Input aria-label={t('events:form.participantName', { index: index + 1 })} placeholder={t('events:fields.participantName')} maxLength={300} />
                </Form.Item>
              </Col>
              <Col xs={20} md={wide.position}>
                <Form.Item name={[field.name, 'position']} style={{ marginBottom: 8 }}>
                  <Input
                    aria-label={t('events:form.participantPosition', { index: index + 1 })}
                    placeholder={t('events:fields.participantPosition')}
                    maxLength={500}
                  />
                </Form.Item>
              </Col>
              <Col xs={4} md={2}>
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('events:form.removeParticipant', { index: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add(withSide ? { side: 'own', fullName: '', position: '' } : { fullName: '', position: '' })}
          >
            {t('events:form.addParticipant')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
