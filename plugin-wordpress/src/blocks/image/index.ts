// Registers clearframe/image in the editor from its block.json; the server renders it (render.php).
import { registerBlockType, type BlockConfiguration } from '@wordpress/blocks';
import metadata from './block.json';
import { Edit, type ImageAttributes } from './edit';

registerBlockType<ImageAttributes>(metadata as unknown as BlockConfiguration<ImageAttributes>, {
  edit: Edit,
  // Dynamic block: nothing is saved in post content but the attributes.
  save: () => null,
});
