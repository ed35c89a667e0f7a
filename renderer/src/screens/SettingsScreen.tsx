import { BranchesNote } from '../components/settings/BranchesNote';
import { ConnectionSection } from '../components/settings/ConnectionSection';
import { DiagnosticsSection } from '../components/settings/DiagnosticsSection';
import { PhotoStorageSection } from '../components/settings/PhotoStorageSection';
import { ProfileSection } from '../components/settings/ProfileSection';
import { TemplatesSection } from '../components/settings/TemplatesSection';

/** Settings, one card per concern. */
export function SettingsScreen() {
  return (
    <section className="screen settings" aria-labelledby="settings-heading">
      <div className="screen-header">
        <h2 id="settings-heading">Settings</h2>
      </div>
      <ProfileSection />
      <ConnectionSection />
      <BranchesNote />
      <PhotoStorageSection />
      <TemplatesSection />
      <DiagnosticsSection />
    </section>
  );
}
