// Sets the plugin's options directly in the site, as an administrator would have saved them.
import { wpEval, type Site } from '../support/wordpress-site.ts';

/** A single-quoted PHP string literal. */
export function php(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export interface PluginOptions {
  registryUrl?: string;
  publishableKey?: string;
  editorKey?: string;
  webhookSecret?: string;
  channel?: string;
}

const names: Record<keyof PluginOptions, string> = {
  registryUrl: 'clearframe_registry_url',
  publishableKey: 'clearframe_publishable_key',
  editorKey: 'clearframe_editor_key',
  webhookSecret: 'clearframe_webhook_secret',
  channel: 'clearframe_channel',
};

export async function configure(site: Site, options: PluginOptions): Promise<void> {
  const lines = Object.entries(options).map(
    ([field, value]) =>
      `update_option( ${php(names[field as keyof PluginOptions])}, ${php(value ?? '')} );`,
  );
  await wpEval(site, `${lines.join('\n')}\nreturn true;`);
}

/** Deletes every cached verdict transient, as if they had all expired. */
export async function expireVerdicts(site: Site): Promise<number> {
  // Filtered in PHP: the SQLite drop-in logs a deprecation for LIKE with esc_like()'s escapes.
  return wpEval(
    site,
    `global $wpdb;
     $names = array_filter( $wpdb->get_col( "SELECT option_name FROM {$wpdb->options}" ), static fn ( $name ) => str_starts_with( $name, '_transient_clearframe_v_' ) );
     foreach ( $names as $name ) { delete_transient( substr( $name, strlen( '_transient_' ) ) ); }
     return count( $names );`,
  );
}

export async function createPost(
  site: Site,
  title: string,
  content: string,
): Promise<{ id: number; link: string }> {
  return wpEval(
    site,
    `wp_set_current_user( 1 );
     $id = wp_insert_post( array( 'post_title' => ${php(title)}, 'post_status' => 'publish', 'post_content' => wp_slash( ${php(content)} ), 'post_type' => 'post' ), true );
     if ( is_wp_error( $id ) ) { throw new Exception( $id->get_error_message() ); }
     return array( 'id' => $id, 'link' => get_permalink( $id ) );`,
  );
}

/** Block markup as the editor serialises it (serialize_block_attributes() escaping). */
export function imageBlock(attributes: Record<string, string>): string {
  const json = JSON.stringify(attributes)
    .replace(/--/g, '\\u002d\\u002d')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  return `<!-- wp:clearframe/image ${json} /-->`;
}
