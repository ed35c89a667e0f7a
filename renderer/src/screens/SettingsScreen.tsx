import { ProfileSection } from '../components/settings/ProfileSection';
import { TemplatesSection } from '../components/settings/TemplatesSection';

/**
 * Settings, one card per concern. Other features mount their sections here:
 * the connection (sync) and diagnostics (security) sections go in the marked slots.
 */
export function SettingsScreen() {
  return (
    <section className="screen settings" aria-labelledby="settings-heading">
      <div className="screen-header">
        <h2 id="settings-heading">Settings</h2>
      </div>
      <ProfileSection />
      {/* Slot: <ConnectionSection /> from components/settings/ConnectionSection.tsx (sync). */}
      <TemplatesSection />
      {/* Slot: diagnostics section (security). */}
    </section>
  );
}
