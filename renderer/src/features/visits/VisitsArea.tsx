import { Alert, App, Button, Card, Form, Input, Space, Spin, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { DEFAULT_PRE_VISIT_QUESTIONS } from '../../../../shared/domain/visits';
import { api, errorMessage, onEvent } from '../../api/client';
import { useAsync } from '../../useAsync';
import { useCan } from '../auth/session';
import { FieldVisitsPage } from './FieldVisitsPage';
import { HouseholdVisitsPage } from './HouseholdVisitsPage';

/** 访前问题: the office's pre-visit checklist (访前五问 by default). */
function PreVisitQuestionsPage({ questions }: { questions: string[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ questions: string[] }>();
  return (
    <Card size="small" title="访前问题清单" style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">带信下访前，下访组须逐项落实以下问题；制定计划时逐项勾选，记录下访情况前须全部落实。</Typography.Paragraph>
      <Form
        form={form}
        initialValues={{ questions }}
        onFinish={async (v) => {
          try {
            await api['visits.updateSettings']({ preVisitQuestions: v.questions.map((q) => q.trim()).filter(Boolean) });
            message.success('访前问题已保存');
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} style={{ display: 'flex' }} align="baseline">
                  <Typography.Text>{i + 1}.</Typography.Text>
                  <Form.Item name={f.name} rules={[{ required: true, whitespace: true, message: '请填写问题' }]} style={{ marginBottom: 8 }}>
                    <Input maxLength={100} style={{ width: 560 }} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label="删除" onClick={() => remove(f.name)} disabled={fields.length === 1} />
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 20}>
                  添加问题
                </Button>
                <Button onClick={() => form.setFieldsValue({ questions: [...DEFAULT_PRE_VISIT_QUESTIONS] })}>恢复默认</Button>
                <Button type="primary" htmlType="submit">
                  保存
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

/** 下访走访: 带信下访 plans and records, 入户走访 batches, and the 访前问题 setting. */
export function VisitsArea() {
  const can = useCan();
  const settings = useAsync(() => api['settings.get']({}));
  useEffect(() => onEvent('settings.changed', (s) => settings.setValue(s)), [settings.setValue]);
  if (settings.error) return <Alert type="error" message={settings.error} style={{ margin: 24 }} />;
  if (!settings.value) return <Spin style={{ display: 'block', margin: 48 }} />;
  const questions = settings.value.visits.preVisitQuestions;
  return (
    <div className="page">
      <Tabs
        items={[
          { key: 'field', label: '带信下访', children: <FieldVisitsPage questions={questions} /> },
          { key: 'household', label: '入户走访', children: <HouseholdVisitsPage /> },
          ...(can('settings.write') ? [{ key: 'questions', label: '访前问题', children: <PreVisitQuestionsPage questions={questions} /> }] : []),
        ]}
      />
    </div>
  );
}
