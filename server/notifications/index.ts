// Notifications: the in-app 消息 written with the change they announce, mirrored as WeChat subscribe
// messages after the commit.
export { notificationRoutes } from './routes'
export { notify, type NotificationInput, type Push } from './notify'
export { deliverPushes, prunePushLog, pushAfterCommit, retryPushes, subscribeMessagesFromEnv, type SubscribeMessageSender } from './push'
export { tellResidenceReviewed } from './residence'
