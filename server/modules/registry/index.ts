export { registerRegistryRoutes } from './registry.routes.ts';
export {
  applyNodeHosting,
  cachedOffices,
  findOfficeHosting,
  loadRegistrySnapshot,
  openRegistryCache,
  registrySnapshot,
  type RegistrySnapshot,
} from './registry.service.ts';
export { findOfficeById, findOfficeByCode, allOffices, listLegalBasis as listLegalBasisRows, type OfficeRow } from './registry.repository.ts';
export { hostingOf, presentHostedOfficeRef, presentOfficeRef, presentOffice } from './registry.presenter.ts';
