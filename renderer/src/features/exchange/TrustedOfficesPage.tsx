import { DownloadOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ExchangeStatus, OfficeRef, TrustedOffice } from '../../../../shared/domain/exchange';
import { api, errorMessage } from '../../api/client';
import { base64FromBytes, saveFile } from '../../host/files';
import { dateTime } from '../documents/common';

/**
 * 可信机关: this office's key file to hand over, and the key files of offices it exchanges with. A key is trusted only
 * after both sides have compared the fingerprint by phone.
 */
export function TrustedOfficesPage({ status, onChanged, canManage }: { status: ExchangeStatus; onChanged(): void; canManage: boolean }) {
  const { message } = App.useApp();
  const [pending, setPending] = useState<{ text: string; office: OfficeRef & { trusted: boolean } } | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  async function downloadOwnKey() {
    try {
      const file = await api['exchange.keyFile']({});
      saveFile(file.fileName, base64FromBytes(new TextEncoder().encode(file.text)), 'application/json');
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function inspect(file: File) {
    try {
      const text = await file.text();
      setPending({ text, office: await api['exchange.inspectKey']({ text }) });
      setTyped('');
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function trust() {
    if (!pending) return;
    setBusy(true);
    try {
      const trusted = await api['exchange.trust']({ text: pending.text, fingerprint: typed });
      message.success(`已登记可信机关：${trusted.name}`);
      setPending(null);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function untrust(office: TrustedOffice) {
    try {
      await api['exchange.untrust']({ officeId: office.officeId });
      message.success(`已移除：${office.name}`);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="本机关密钥" size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="机关">{status.office.name}</Descriptions.Item>
          <Descriptions.Item label="指纹">
            <Typography.Text code copyable data-testid="own-fingerprint" style={{ fontSize: 16 }}>
              {status.office.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary">
          把密钥文件交给对方机关（可随 U 盘带去），再电话逐组念出上面的指纹，请对方核对无误后登记。密钥文件只含公钥，不含任何信访件内容。
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadOwnKey()}>
          下载本机关密钥文件
        </Button>
      </Card>

      <Card
        title="可信机关"
        size="small"
        extra={
          canManage && (
            <Upload accept=".xfkey,.json" showUploadList={false} beforeUpload={(file) => (void inspect(file), false)}>
              <Button icon={<UploadOutlined />} type="primary">
                导入对方机关密钥文件
              </Button>
            </Upload>
          )
        }
      >
        <Table<TrustedOffice>
          size="small"
          rowKey="officeId"
          dataSource={status.trusted}
          pagination={false}
          data-testid="trusted-offices"
          locale={{ emptyText: '尚未登记可信机关：导入对方的机关密钥文件，电话核对指纹后登记' }}
          columns={[
            { title: '机关', dataIndex: 'name' },
            { title: '指纹', dataIndex: 'fingerprint', width: 330, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: '登记', width: 220, render: (_v, r) => `${r.trustedBy}，${dateTime(r.trustedAt)}` },
            {
              title: '',
              width: 80,
              render: (_v, r) =>
                canManage && (
                  <Popconfirm title={`移除“${r.name}”？之后不再接收其交换包，也不能向其发送`} onConfirm={() => void untrust(r)}>
                    <Button size="small" danger type="link">
                      移除
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>

      <Modal
        open={pending !== null}
        title={
          <span>
            <SafetyCertificateOutlined /> 核对指纹后登记
          </span>
        }
        okText="指纹一致，登记为可信机关"
        okButtonProps={{ disabled: typed.replace(/\s/g, '').length < 8, loading: busy }}
        onOk={() => void trust()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        {pending && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {pending.office.trusted && <Alert type="info" showIcon title="该机关已登记" />}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="机关">{pending.office.name}</Descriptions.Item>
              <Descriptions.Item label="文件中的指纹">
                <Typography.Text code data-testid="pending-fingerprint" style={{ fontSize: 16 }}>
                  {pending.office.fingerprint}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph>
              请电话联系对方机关，请对方念出其“本机关密钥”指纹，逐组录入下框。一致才能登记：文件可能在传递中被调换。
            </Typography.Paragraph>
            <Input aria-label="对方念出的指纹" placeholder="如 0FAD E638 1547 …" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </Space>
        )}
      </Modal>
    </Space>
  );
}
