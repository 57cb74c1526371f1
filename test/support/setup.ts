/**
 * Loaded before every test file: the AWS SDK's Node 20 end-of-support notice is expected on this
 * toolchain and only clutters test output.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
