import { useState, useSyncExternalStore } from 'react';
import { onPickedChange, pickedServices, setPicked } from './picked-services';

type Permission = NotificationPermission | 'unsupported';

const permissionNow = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * "Notify me": a desktop notification when this service changes status, in this browser,
 * while a Greenboard page is open. Asks the browser's permission on the first click.
 */
export function NotifyToggle({ serviceId, name }: { serviceId: string; name: string }) {
  const picked = useSyncExternalStore(onPickedChange, () => pickedServices().has(serviceId));
  const [permission, setPermission] = useState<Permission>(permissionNow);

  if (permission === 'unsupported') return null;
  if (permission === 'denied') {
    return (
      <p className="notify-toggle" data-notify="blocked">
        Desktop notifications are blocked for this site in the browser’s settings.
      </p>
    );
  }
  const toggle = async () => {
    if (picked) return setPicked(serviceId, false);
    const granted = permission === 'granted' ? 'granted' : await Notification.requestPermission();
    setPermission(granted);
    if (granted === 'granted') setPicked(serviceId, true);
  };
  return (
    <button type="button" className="notify-toggle" data-notify={picked ? 'on' : 'off'} aria-pressed={picked} onClick={() => void toggle()}>
      {picked ? `Notifying you of changes to ${name} · stop` : 'Notify me when it changes'}
    </button>
  );
}
