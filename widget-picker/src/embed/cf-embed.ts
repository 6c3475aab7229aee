// The embed bundle (dist/cf-embed.js): registers <cf-image> and upgrades `img[data-cf-asset]`.
// Public mode only: the registry client, the public verdict cache and approvals; no picker.
import '../image/cf-image.js';
import { upgradeImages } from './upgrade.js';

upgradeImages();
