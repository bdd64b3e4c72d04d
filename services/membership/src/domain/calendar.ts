export { dayInVietnam } from '@congdoan/contracts';
