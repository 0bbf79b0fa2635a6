import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { FatalError } from './app/FatalError';
import { loadConfig } from './config';
import { initI18n } from './i18n';
import { setSlaClockOffset } from './pages/desk/sla/clock';

async function bootstrap(): Promise<void> {
  initI18n();
  const root = createRoot(document.getElementById('root')!);
  try {
    const config = await loadConfig();
    setSlaClockOffset(config.slaClockOffsetMs);
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    );
  } catch (error) {
    console.error(error);
    root.render(<FatalError />);
  }
}

void bootstrap();
