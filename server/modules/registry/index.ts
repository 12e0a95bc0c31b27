export { registerRegistryRoutes } from './registry.routes.ts';
export { loadRegistrySnapshot, type RegistrySnapshot } from './registry.service.ts';
export { findOfficeById, findOfficeByCode, allOffices, listLegalBasis as listLegalBasisRows, type OfficeRow } from './registry.repository.ts';
export { presentOfficeRef, presentOffice } from './registry.presenter.ts';
